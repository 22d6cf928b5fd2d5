import { json, type RequestHandler } from '@sveltejs/kit';
import { log } from '$lib/server/log';
import { mailer } from '$lib/server/mailer';

export const POST: RequestHandler = async ({ request }) => {
  const { email, source } = await request.json();
  // expect: mt/personal-data-in-logs email [pino] the subscriber's address logged through a $lib import
  log.info({ email, source }, 'newsletter signup');
  // quiet [pino] the source only
  log.info({ source }, 'newsletter form used');
  // expect: mt/personal-data-to-service email [resend] the confirmation mail through the $lib/server mailer
  await mailer.emails.send({ from: 'News <news@acme-svk.test>', to: email, subject: 'Confirm your subscription', html: '<a href="https://acme-svk.test/confirm">Confirm</a>' });
  return json({ ok: true });
};
