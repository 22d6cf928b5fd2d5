import ky from 'ky';
import { ofetch } from 'ofetch';

/** HubSpot's REST API with the private-app token; call it with paths relative to the prefix. */
export const hubspot = ky.create({ prefixUrl: 'https://api.hubapi.com/', headers: { Authorization: `Bearer ${process.env.HUBSPOT_TOKEN}` } });

/** Mixpanel's ingestion API. */
export const mixpanelApi = ofetch.create({ baseURL: 'https://api.mixpanel.com', headers: { Accept: 'text/plain' } });

/** Our own billing service. */
export const billingApi = ofetch.create({ baseURL: process.env.BILLING_SERVICE_URL });
