import { useCallback } from 'react';
import { useRouter } from 'next/router';
import { Mixpanel } from '../lib/mixpanel';

/** Returns a track function that adds the current route to every event. */
export function useTrack() {
  const router = useRouter();
  return useCallback(
    (event: string, props: Record<string, unknown> = {}) => Mixpanel.track(event, { ...props, path: router.pathname }),
    [router.pathname],
  );
}
