'use client';

import { useEffect } from 'react';
import { trackEvent, type Traits } from '@/lib/analytics';

interface TrackOnMountProps {
  event: string;
  properties?: Traits;
}

/** Fires one analytics event when a page mounts. */
export function TrackOnMount({ event, properties }: TrackOnMountProps) {
  useEffect(() => {
    trackEvent(event, properties);
  }, [event, properties]);
  return null;
}
