import { Analytics } from '@segment/analytics-node';
import { TrackClient, RegionUS } from 'customerio-node';
import { logger } from '../lib/logger';

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! });
const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!, { region: RegionUS });

export interface Customer {
  id: string;
  email: string;
  phone?: string;
  firstName: string;
  lastName: string;
  birthDate?: string;
  company?: { name: string; domain: string };
  marketingConsent: boolean;
}

/** Keeps Segment and Customer.io in sync with our customer table. */
export async function syncCustomer(customer: Customer) {
  const traits = {
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    company: customer.company?.name,
  };
  // expect: mt/personal-data-to-third-party email,name [segment] the traits object built above
  segment.identify({ userId: customer.id, traits });
  if (customer.marketingConsent) {
    // expect: mt/personal-data-to-third-party date-of-birth,email,phone [customerio] attributes for the marketing profile
    await cio.identify(customer.id, { email: customer.email, phone: customer.phone, birthday: customer.birthDate });
  }
  // quiet [segment] a group call with the company's domain (a business)
  segment.group({ userId: customer.id, groupId: customer.company?.domain ?? 'none', traits: { name: customer.company?.name } });
  logger.info('customer synced', { id: customer.id });
}

export function trackRefund(customerId: string, amountCents: number, reason: 'damaged' | 'late' | 'other') {
  // quiet [segment] id, amount and a reason code
  segment.track({ userId: customerId, event: 'Refund Issued', properties: { amountCents, reason } });
}
