import axios from 'axios';
import got from 'got';
import { ofetch } from 'ofetch';
import { singleton } from './singleton';

const INTERCOM_API = 'https://api.intercom.io';

/** Intercom's REST API, one axios instance per process. */
export const intercom = singleton('intercom', () => axios.create({ baseURL: INTERCOM_API, headers: { Authorization: `Bearer ${process.env.INTERCOM_TOKEN}` } }));

/** Klaviyo through got, paths relative to the prefix. */
export const klaviyo = got.extend({ prefixUrl: 'https://a.klaviyo.com/api', headers: { revision: '2024-10-15' } });

/** Our own notification service, on our own domain. */
export const notify = ofetch.create({ baseURL: 'https://notify.acme-saas.test/v2' });

/** The app's own API through a relative prefix. */
export const internal = axios.create({ baseURL: '/api/internal' });

/** An in-memory invite cache made by the same singleton wrapper. */
export const inviteCache = singleton('invites', () => new Map<string, { email: string; name: string }>());
