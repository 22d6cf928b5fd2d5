import { type ReactNode } from 'react';
import posthog from 'posthog-js';
import { PostHogProvider, usePostHog } from 'posthog-js/react';
import type { Member } from '@app/hooks/useCurrentMember';

posthog.init('phc_Xy12', { api_host: 'https://eu.i.posthog.com', person_profiles: 'identified_only' });

export function PostHogShell({ children }: { children: ReactNode }) {
  return <PostHogProvider client={posthog}>{children}</PostHogProvider>;
}

/** Called from the account menu once the member has loaded. */
export function useIdentifyMember() {
  const ph = usePostHog();
  return (member: Member) => {
    // expect: mt/personal-data-to-third-party date-of-birth,email,name,phone [posthog] the whole typed member object as person properties
    ph.identify(member.id, member);
    // quiet [posthog] the tier as a group
    ph.group('tier', member.tier);
  };
}
