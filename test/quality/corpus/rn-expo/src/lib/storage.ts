import { MMKV } from 'react-native-mmkv';

export const storage = new MMKV({ id: 'rn-expo' });
