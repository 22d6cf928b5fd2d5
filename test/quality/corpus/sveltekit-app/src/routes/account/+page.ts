import { ph } from '$lib/analytics';
import { mailer } from '$lib/server/mailer';
import { initials } from '$lib/format';

export async function load({ fetch }) {
  const me = (await (await fetch('/api/me')).json()) as { id: string; email: string; displayName: string; plan: string };
  // expect: mt/personal-data-to-third-party email [posthog] person properties through $lib
  ph.setPersonProperties({ email: me.email });
  // quiet [posthog] the plan through $lib
  ph.capture('account_viewed', { plan: me.plan });
  return { me, initials: initials(me.displayName), mailer: typeof mailer };
}
