import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: 'k' });

export function record(event: string, value: string) {
  analytics.track(event, { value });
}
