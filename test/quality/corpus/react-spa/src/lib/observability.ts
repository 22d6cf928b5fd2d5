import * as Sentry from '@sentry/react';
import Bugsnag from '@bugsnag/js';
import { datadogRum } from '@datadog/browser-rum';
import { FullStory, init as initFullStory } from '@fullstory/browser';
import Hotjar from '@hotjar/browser';
import type { CurrentUser } from '../hooks/useCurrentUser';

export function initObservability(getUser: () => CurrentUser | undefined) {
  Sentry.init({
    dsn: import.meta.env.VITE_SENTRY_DSN,
    sendDefaultPii: false,
    beforeSend(event) {
      const user = getUser();
      // quiet [sentry] the event's user is replaced with the id only
      if (user) event.user = { id: user.id };
      return event;
    },
  });

  // quiet [bugsnag] the API key and release stage
  Bugsnag.start({ apiKey: import.meta.env.VITE_BUGSNAG_KEY, releaseStage: import.meta.env.MODE });

  datadogRum.init({ applicationId: 'app', clientToken: 'pub', site: 'datadoghq.com', sessionReplaySampleRate: 20 });
  initFullStory({ orgId: import.meta.env.VITE_FULLSTORY_ORG });
  Hotjar.init(Number(import.meta.env.VITE_HOTJAR_ID), 6);
}

export function identifyEverywhere(user: CurrentUser) {
  // expect: mt/personal-data-to-third-party email,name [bugsnag] Bugsnag user with the address and name
  Bugsnag.setUser(user.id, user.email, user.displayName);
  // expect: mt/personal-data-to-third-party email,name [datadog-rum] RUM user
  datadogRum.setUser({ id: user.id, email: user.email, name: user.displayName });
  // expect: mt/personal-data-to-third-party email,name [fullstory] FullStory identity with display name and email
  FullStory('setIdentity', { uid: user.id, properties: { displayName: user.displayName, email: user.email } });
  // quiet [hotjar] the id and the plan
  Hotjar.identify(user.id, { plan: user.plan });
  // quiet [datadog-rum] a global context with the plan and seat count
  datadogRum.setGlobalContextProperty('account', { plan: user.plan, seats: user.seatCount });
}

export function onCheckoutError(error: Error, cart: { id: string; couponCode?: string; itemCount: number }) {
  Bugsnag.notify(error, (event) => {
    // quiet [bugsnag] cart id, coupon code and count
    event.addMetadata('cart', { id: cart.id, coupon: cart.couponCode, items: cart.itemCount });
  });
}

export function onPaymentError(error: Error, payer: { email: string; cardLast4: string }) {
  Bugsnag.notify(error, (event) => {
    // expect: mt/personal-data-to-third-party email [bugsnag] the payer's address in the error report
    event.setUser(undefined, payer.email);
    // quiet [bugsnag] the last four digits of the card
    event.addMetadata('payment', { last4: payer.cardLast4 });
  });
}
