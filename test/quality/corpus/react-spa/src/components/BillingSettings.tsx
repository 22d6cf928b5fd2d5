import { useState } from 'react';
import { track, identify } from '../lib/usage-meter';
import * as Sentry from '@sentry/react';

type Billing = { accountId: string; billingEmail: string; seats: number; company: { name: string; taxId: string } };

const analytics = {
  track(event: string, props: object) {
    // quiet [console] the stand-in's own log line: its one caller passes visible data, reported there
    console.debug('[analytics disabled]', event, props);
  },
};

export function BillingSettings({ billing }: { billing: Billing }) {
  const [billingEmail, setBillingEmail] = useState(billing.billingEmail);

  async function save() {
    // quiet [segment] a local object named analytics shadows the page global
    // expect: mt/personal-data-in-logs email [console] ...but the stand-in logs its properties, the billing email among them (inventory since issue 12)
    analytics.track('Billing Saved', { billingEmail });
    // quiet [segment] our own usage meter's track(), not an SDK
    await track('billing_contact_changed', { email: billingEmail, seats: billing.seats });
    // quiet [segment] our own API through a function named identify
    await identify(billing.accountId, billingEmail);
    // quiet [sentry] the company's tax id belongs to a business
    Sentry.setContext('billing', { company: billing.company.name, companyTaxId: billing.company.taxId, seats: billing.seats });
  }

  return (
    <div>
      <input type="email" value={billingEmail} onChange={(e) => setBillingEmail(e.target.value)} />
      <button onClick={save}>Save</button>
    </div>
  );
}
