import type { NextApiRequest, NextApiResponse } from 'next';
import * as Sentry from '@sentry/nextjs';
import { TrackClient, RegionUS } from 'customerio-node';

const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!, { region: RegionUS });

const SUPPORT_EMAIL = process.env.SUPPORT_EMAIL ?? 'help@example.com';

export default async function subscribe(req: NextApiRequest, res: NextApiResponse) {
  const { email, source } = req.body as { email?: string; source?: string };
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    // quiet [sentry] the signup source and a constant support address from the environment
    Sentry.captureMessage('newsletter: invalid address', { extra: { source, supportEmail: SUPPORT_EMAIL } });
    return res.status(400).json({ error: `Invalid email, contact ${SUPPORT_EMAIL}` });
  }
  // expect: mt/personal-data-to-third-party email [customerio] identify the subscriber by address
  await cio.identify(email, { email, created_at: Math.floor(Date.now() / 1000), source });
  // expect: mt/personal-data-to-third-party email [customerio] the event is keyed by the address
  await cio.track(email, { name: 'newsletter_subscribed', data: { source } });
  return res.status(200).json({ ok: true });
}
