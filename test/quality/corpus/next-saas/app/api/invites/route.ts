import { NextResponse } from 'next/server';
import { intercom, internal, inviteCache, klaviyo, notify } from '@/lib/crm';
import { getPostHog } from '@/lib/posthog';

export async function POST(req: Request) {
  const { email, name, phone, workspaceId } = (await req.json()) as { email: string; name: string; phone: string; workspaceId: string };
  // expect: mt/personal-data-to-third-party email,name [intercom] a singleton axios instance with Intercom's baseURL, relative path
  await intercom.post('/contacts', { role: 'lead', email, name });
  // quiet [intercom] a read of the tags with no data
  await intercom.get('/tags');
  // expect: mt/personal-data-to-third-party email,phone [klaviyo] the invitee's profile through a got instance with Klaviyo's prefixUrl
  await klaviyo.post('profiles/', { json: { data: { type: 'profile', attributes: { email, phone_number: phone } } } });
  // quiet [klaviyo] reading the lists
  await klaviyo.get('lists/');
  // quiet [intercom] our own notification service on our own domain, an ofetch instance like the vendor's
  await notify('/invites', { method: 'POST', body: { email, name, workspaceId } });
  // quiet [intercom] our own API through an axios instance with a relative base
  await internal.post('/audit', { action: 'invite', email });
  inviteCache.set(workspaceId, { email, name });
  // expect: mt/personal-data-to-third-party phone [posthog] the lazily made PostHog client with the invitee's phone
  getPostHog().capture({ distinctId: workspaceId, event: 'invite_sent', properties: { phone } });
  // quiet [posthog] the same client with the workspace id only
  getPostHog().capture({ distinctId: workspaceId, event: 'invite_count', properties: { workspaceId } });
  return NextResponse.json({ ok: true });
}
