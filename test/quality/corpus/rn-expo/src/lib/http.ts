import axios from 'axios';
import Constants from 'expo-constants';

/** Our backend. */
export const api = axios.create({ baseURL: Constants.expoConfig?.extra?.apiUrl, timeout: 10_000 });

/** Intercom's REST API, called with paths relative to the baseURL. */
export const intercomApi = axios.create({
  baseURL: 'https://api.intercom.io',
  headers: { Authorization: `Bearer ${Constants.expoConfig?.extra?.intercomToken}`, 'Intercom-Version': '2.11' },
});
