import posthog from 'posthog-js';

let initialised = false;

export function useAnalytics() {
  if (!initialised) {
    posthog.init(import.meta.env.VITE_POSTHOG_KEY, { api_host: 'https://eu.i.posthog.com', person_profiles: 'identified_only' });
    initialised = true;
  }
  const track = (event: string, props?: Record<string, unknown>) => posthog.capture(event, props);
  const identify = (id: string, traits?: Record<string, unknown>) => posthog.identify(id, traits);
  return { track, identify, reset: () => posthog.reset() };
}
