import axios from 'axios';
import ky from 'ky';
import Constants from 'expo-constants';

/** Zendesk-like support through Intercom's API, and HubSpot forms through ky. */
export const supportApi = axios.create({ baseURL: 'https://api.intercom.io', timeout: 8000 });
export const hubspotForms = ky.create({ prefixUrl: 'https://api.hsforms.com/submissions/v3/integration' });

/** Our backend, its base from the app config. */
export const backend = ky.create({ prefixUrl: Constants.expoConfig?.extra?.apiUrl });

export async function openTicket(userId: string, body: { email: string; subject: string }) {
  // expect: mt/personal-data-to-third-party email [intercom] a conversation opened with the user's email through the axios instance
  return supportApi.post('/conversations', { from: { type: 'user', id: userId, email: body.email }, body: body.subject });
}

export async function submitLead(form: { email: string; firstName: string }) {
  // expect: mt/personal-data-to-third-party email,name [hubspot] a HubSpot form submission through ky with a prefixUrl
  return hubspotForms.post('submit/123/abc', { json: { fields: [{ name: 'email', value: form.email }, { name: 'firstname', value: form.firstName }] } });
}

export async function saveLead(form: { email: string; firstName: string }) {
  // quiet [hubspot] our backend through a ky instance, base URL from the app config
  return backend.post('leads', { json: form });
}
