import { AnalyticsBrowser } from '@segment/analytics-next';

export const segment = AnalyticsBrowser.load({ writeKey: 'seg_nuxt_77' });
