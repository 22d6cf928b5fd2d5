import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';
import { MMKV } from 'react-native-mmkv';

export const storage = new MMKV({ id: 'app' });

const KEYS = {
  token: 'auth.token',
  user: 'auth.user',
  onboarding: 'onboarding.done',
} as const;

export type SessionUser = { id: string; email: string; firstName: string; lastName: string; avatarUrl?: string };

export async function persistSession(token: string, user: SessionUser) {
  // quiet [async-storage] an access token is not in the breach list (and this is how most apps keep it)
  await AsyncStorage.setItem(KEYS.token, token);
  // expect: mt/personal-data-on-device email,name [async-storage] name and email kept in plain AsyncStorage (inventory since issue 12)
  await AsyncStorage.setItem(KEYS.user, JSON.stringify(user));
  // quiet [react-native-mmkv] a boolean flag
  storage.set(KEYS.onboarding, true);
}

export async function persistCredentials(email: string, password: string) {
  // The encrypted store: not a sink.
  await SecureStore.setItemAsync('credentials', JSON.stringify({ email, password }));
}

export async function rememberGovId(kind: 'license' | 'state-id', number: string) {
  if (kind === 'license') {
    // expect: mt/breach-data-on-device drivers-license [async-storage] the license number in plain AsyncStorage
    await AsyncStorage.setItem('profile.driversLicenseNumber', number);
  } else {
    // expect: mt/breach-data-on-device state-id [react-native-mmkv] a state ID number in MMKV without encryption
    storage.set('stateIdNumber', number);
  }
}
