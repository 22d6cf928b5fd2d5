import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load({
  writeKey: process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY!,
});

export type Traits = Record<string, unknown>;

/** Thin wrappers so components never import the SDK directly. */
export function identifyUser(userId: string, traits: Traits = {}) {
  analytics.identify(userId, traits);
}

export function trackEvent(event: string, properties?: Traits) {
  analytics.track(event, { ...properties, app: 'web' });
}

export const pageView = (name: string, properties?: Traits) => analytics.page(name, properties);

export function resetAnalytics() {
  analytics.reset();
}
