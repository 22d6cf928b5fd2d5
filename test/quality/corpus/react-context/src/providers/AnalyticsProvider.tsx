import { createContext, useMemo, type ReactNode } from 'react';
import { AnalyticsBrowser } from '@segment/analytics-next';

export const AnalyticsContext = createContext<AnalyticsBrowser | null>(null);

export function AnalyticsProvider({ writeKey, children }: { writeKey: string; children: ReactNode }) {
  const analytics = useMemo(() => AnalyticsBrowser.load({ writeKey }), [writeKey]);
  return <AnalyticsContext.Provider value={analytics}>{children}</AnalyticsContext.Provider>;
}
