'use client';

import { useEffect } from 'react';
import posthog from 'posthog-js';

type Person = { id: string; email: string; name: string | null; plan: 'free' | 'pro' };

/** Ties the PostHog session to the signed-in account. */
export function IdentifyUser({ person }: { person: Person }) {
  useEffect(() => {
    // expect: mt/personal-data-to-third-party email,name [posthog] the person's fields, named at the sink
    posthog.identify(person.id, { email: person.email, name: person.name, plan: person.plan });
  }, [person]);
  return null;
}

/** Same, but only the opaque id. */
export function IdentifyById({ userId }: { userId: string }) {
  useEffect(() => {
    // quiet [posthog] only the opaque id
    posthog.identify(userId);
  }, [userId]);
  return null;
}
