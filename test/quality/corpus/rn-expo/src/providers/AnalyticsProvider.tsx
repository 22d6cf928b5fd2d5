import React, { createContext, useContext, type ReactNode } from 'react';
import type PostHog from 'posthog-react-native';
import { posthog } from '../lib/analytics';

const AnalyticsContext = createContext<PostHog | null>(null);

export function AnalyticsProvider({ children }: { children: ReactNode }) {
  return <AnalyticsContext.Provider value={posthog()}>{children}</AnalyticsContext.Provider>;
}

export function useAnalytics(): PostHog {
  const client = useContext(AnalyticsContext);
  if (!client) throw new Error('AnalyticsProvider missing');
  return client;
}
