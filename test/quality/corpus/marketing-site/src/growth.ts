import * as amplitude from '@amplitude/analytics-browser';
import { RudderAnalytics } from '@rudderstack/analytics-js';
import { Userpilot } from 'userpilot';
import { track as vercelTrack } from '@vercel/analytics';
import { StatsigClient } from '@statsig/js-client';
import { OpenPanel } from '@openpanel/web';

declare const Appcues: { identify(id: string, props?: object): void; track(e: string, p?: object): void };
declare const umami: { track(e: string | object, p?: object): void; identify(p: object): void };

const rudder = new RudderAnalytics();
rudder.load('WRITE_KEY', 'https://dataplane.example.com');
const op = new OpenPanel({ clientId: 'op-client', trackScreenViews: true });

type Account = { id: string; email: string; firstName: string; lastName: string; phone?: string; plan: string; trialEndsAt: string; birthday?: string };

export async function onTrialStarted(account: Account) {
  const identify = new amplitude.Identify();
  // expect: mt/personal-data-to-third-party email [amplitude] an Identify operation with the address
  identify.set('email', account.email);
  // quiet [amplitude] the plan as a user property
  identify.set('plan', account.plan);
  amplitude.identify(identify);

  // expect: mt/personal-data-to-third-party email,name [rudderstack] RudderStack identify traits
  rudder.identify(account.id, { email: account.email, firstName: account.firstName, lastName: account.lastName });
  // quiet [rudderstack] a track event with the trial end date
  rudder.track('Trial Started', { plan: account.plan, trialEndsAt: account.trialEndsAt });

  // expect: mt/personal-data-to-third-party email,name [userpilot] Userpilot identify
  Userpilot.identify(account.id, { name: `${account.firstName} ${account.lastName}`, email: account.email, created_at: Date.now() });
  // quiet [appcues] only the plan
  Appcues.identify(account.id, { plan: account.plan });
  // quiet [vercel-analytics] a custom event with the plan name
  vercelTrack('trial_started', { plan: account.plan });

  const statsig = new StatsigClient('client-key', { userID: account.id });
  await statsig.initializeAsync();
  // expect: mt/personal-data-to-third-party email [statsig] the user object updated with the address
  await statsig.updateUserAsync({ userID: account.id, email: account.email });
  // quiet [statsig] an event with a value
  statsig.logEvent('trial_started', account.plan);

  // expect: mt/personal-data-to-third-party date-of-birth,phone [openpanel] OpenPanel profile with phone and birthday
  op.identify({ profileId: account.id, properties: { phone: account.phone, birthday: account.birthday } });
  // quiet [openpanel] a tracked event with the plan
  op.track('trial_started', { plan: account.plan });
  // quiet [umami] a custom event name only
  umami.track('trial-started');
}
