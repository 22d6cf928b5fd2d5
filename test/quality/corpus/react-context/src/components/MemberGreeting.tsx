import { useEffect } from 'react';
import { useAnalytics } from '#hooks/useAnalytics';
import { useCurrentMember } from '#hooks/useCurrentMember';
import { useErrors } from '@app/providers/ErrorsProvider';

export function MemberGreeting() {
  const analytics = useAnalytics();
  const errors = useErrors();
  const { data: member, error } = useCurrentMember();

  useEffect(() => {
    if (!member) return;
    // expect: mt/personal-data-to-third-party email,name [segment] the context's Segment client, reached through a custom hook and a Vite alias
    void analytics.identify(member.id, { email: member.email, name: member.displayName });
    // quiet [segment] the membership tier only
    void analytics.track('Dashboard Viewed', { tier: member.tier });
  }, [analytics, member]);

  useEffect(() => {
    if (!error) return;
    // quiet [sentry] the fetch error itself
    errors.capture(error);
  }, [error, errors]);

  function onBirthdayBanner() {
    // expect: mt/personal-data-to-third-party date-of-birth [sentry] the birth date on the scope from context
    errors.scope().setContext('member', { dateOfBirth: member?.dateOfBirth });
    // quiet [sentry] a tag with the tier
    errors.scope().setTag('tier', member?.tier ?? 'unknown');
  }

  return <button onClick={onBirthdayBanner}>Hello {member?.displayName}</button>;
}
