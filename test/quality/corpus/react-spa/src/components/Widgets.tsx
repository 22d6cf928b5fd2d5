import { useEffect } from 'react';
import type { CurrentUser } from '../hooks/useCurrentUser';

declare const pendo: { initialize(o: object): void; track(e: string, p?: object): void };
declare const heap: { identify(id: string): void; addUserProperties(p: object): void; track(e: string, p?: object): void };
declare const klaviyo: { identify(p: object): Promise<void>; track(e: string, p?: object): void };
declare const _hsq: unknown[][];
declare const Beacon: (cmd: string, ...args: unknown[]) => void;
declare const drift: { identify(id: string, attrs?: object): void; api: { setUserAttributes(a: object): void } };

export function MarketingWidgets({ user }: { user: CurrentUser }) {
  useEffect(() => {
    // expect: mt/personal-data-to-third-party email,name [pendo] Pendo visitor metadata
    pendo.initialize({ visitor: { id: user.id, email: user.email, full_name: user.displayName }, account: { id: user.company.id, name: user.company.name } });
    // quiet [heap] the opaque id
    heap.identify(user.id);
    // expect: mt/personal-data-to-third-party email [heap] Heap user properties
    heap.addUserProperties({ email: user.email, plan: user.plan });
    // quiet [heap] an event with the plan
    heap.track('Dashboard Viewed', { plan: user.plan });
    // expect: mt/personal-data-to-third-party email [klaviyo] Klaviyo profile by email
    klaviyo.identify({ email: user.email });
    // expect: mt/personal-data-to-third-party email [hubspot] HubSpot tracking code identify
    _hsq.push(['identify', { email: user.email, id: user.id }]);
    // quiet [hubspot] a page view
    _hsq.push(['trackPageView']);
    // expect: mt/personal-data-to-third-party email,name [helpscout-beacon] Help Scout Beacon identify
    Beacon('identify', { name: user.displayName, email: user.email });
    // quiet [helpscout-beacon] opening the beacon
    Beacon('open');
    // expect: mt/personal-data-to-third-party email [drift] Drift identify with the address
    drift.identify(user.id, { email: user.email, plan: user.plan });
  }, [user]);
  return null;
}
