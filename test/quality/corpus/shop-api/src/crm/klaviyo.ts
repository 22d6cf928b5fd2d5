import got from 'got';
import type { Customer } from '../lib/types';

/** Klaviyo's API through a got instance; paths are relative to the prefix. */
const klaviyo = got.extend({ prefixUrl: 'https://a.klaviyo.com/api', headers: { Authorization: `Klaviyo-API-Key ${process.env.KLAVIYO_KEY}`, revision: '2024-10-15' } });

export async function upsertProfile(customer: Customer) {
  // expect: mt/personal-data-to-third-party email,phone [klaviyo] a got instance with Klaviyo's prefixUrl called with a relative path
  await klaviyo.post('profiles/', { json: { data: { type: 'profile', attributes: { email: customer.email, phone_number: customer.phone } } } });
}

export async function lists() {
  // quiet [klaviyo] reading the lists
  return klaviyo.get('lists/').json();
}
