// Product analytics for a storefront. Montana PII Guard flags where personal data leaves for Segment
// and Sentry, and stays quiet on the opaque ids and booleans beside it.
import { AnalyticsBrowser } from '@segment/analytics-next';
import * as Sentry from '@sentry/react';

export const analytics = AnalyticsBrowser.load({ writeKey: import.meta.env.VITE_SEGMENT_KEY });

export interface Customer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phoneNumber?: string;
  emailVerified: boolean;
  plan: 'free' | 'pro';
}

export function onSignIn(customer: Customer) {
  // Flagged: email and name go to Segment with the identify call.
  analytics.identify(customer.id, {
    email: customer.email,
    name: `${customer.firstName} ${customer.lastName}`,
    plan: customer.plan,
  });

  // Not flagged: an opaque id, a plan and a boolean are not personal data by themselves.
  analytics.track('Signed In', { plan: customer.plan, emailVerified: customer.emailVerified });

  // Flagged: the error tracker gets the email too.
  Sentry.setUser({ id: customer.id, email: customer.email });
}

// A wrapper: the finding is reported where the phone number is handed to it.
function trackEvent(name: string, properties: Record<string, unknown>) {
  analytics.track(name, properties);
}

export function onCallbackRequested(customer: Customer) {
  trackEvent('Callback Requested', { phone: customer.phoneNumber });
}
