import { NextResponse, type NextRequest } from 'next/server';
import { Analytics } from '@segment/analytics-node';
import * as Sentry from '@sentry/nextjs';
import { headers } from 'next/headers';

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! });

type LeadBody = {
  email: string;
  company: { name: string; size: string; website: string };
  firstName?: string;
  utm?: Record<string, string>;
};

export async function POST(req: NextRequest) {
  const body = (await req.json()) as LeadBody;
  const ip = (await headers()).get('x-forwarded-for')?.split(',')[0] ?? req.ip;
  const anonymousId = req.cookies.get('ajs_anonymous_id')?.value ?? crypto.randomUUID();

  // quiet [segment] company name, size and website describe a business, not a person
  segment.track({ anonymousId, event: 'Lead Company Captured', properties: { company: body.company.name, size: body.company.size, website: body.company.website } });
  // expect: mt/personal-data-to-third-party email,name [segment] the lead's address and first name as traits
  segment.identify({ anonymousId, traits: { email: body.email, firstName: body.firstName } });
  // expect: mt/personal-data-to-third-party ip-address [segment] the client IP in the context
  segment.track({ anonymousId, event: 'Lead Created', context: { ip }, properties: { ...body.utm } });

  try {
    await fetch(process.env.CRM_WEBHOOK_URL!, { method: 'POST', body: JSON.stringify(body) });
  } catch (error) {
    // quiet [sentry] the error and the webhook host (configuration, not personal)
    Sentry.captureException(error, { tags: { webhook: new URL(process.env.CRM_WEBHOOK_URL!).host } });
  }
  return NextResponse.json({ ok: true });
}
