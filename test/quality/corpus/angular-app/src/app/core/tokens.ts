import { InjectionToken } from '@angular/core';
import { AnalyticsBrowser } from '@segment/analytics-next';
import { datadogRum } from '@datadog/browser-rum';

/** The Segment browser client, created once for the whole app. */
export const SEGMENT = new InjectionToken<AnalyticsBrowser>('segment', {
  providedIn: 'root',
  factory: () => AnalyticsBrowser.load({ writeKey: 'wk_live_5b2f' }),
});

/** Datadog RUM, initialised in main.ts and handed out through DI. */
export const RUM = new InjectionToken<typeof datadogRum>('rum', { providedIn: 'root', factory: () => datadogRum });
