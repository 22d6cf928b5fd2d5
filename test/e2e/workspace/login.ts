import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: 'k' });

export function onLogin(user: { id: string; email: string }) {
  analytics.identify(user.id, { email: user.email });
}
