import { useContext } from 'react';
import { AnalyticsContext } from '@app/providers/AnalyticsProvider';

/** The Segment client from the nearest AnalyticsProvider. */
export function useAnalytics() {
  const analytics = useContext(AnalyticsContext);
  if (!analytics) throw new Error('useAnalytics must be used inside <AnalyticsProvider>');
  return analytics;
}
