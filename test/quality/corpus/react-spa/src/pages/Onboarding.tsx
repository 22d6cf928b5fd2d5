import { useMutation } from '@tanstack/react-query';
import { useSelector } from 'react-redux';
import posthog from 'posthog-js';
import * as Sentry from '@sentry/react';
import { selectUserEmail, selectUserId } from '../store/session';
import { sealForAnalytics } from '../lib/seal';

type OnboardingAnswers = { role: string; teamSize: number; goals: string[]; phone?: string };

export function Onboarding() {
  const email = useSelector(selectUserEmail);
  const userId = useSelector(selectUserId);

  const { mutate } = useMutation({
    mutationFn: (answers: OnboardingAnswers) => fetch('/api/onboarding', { method: 'POST', body: JSON.stringify(answers) }).then((r) => r.json()),
    onSuccess: (result: { profile: { id: string; phone: string; companyName: string } }) => {
      // expect: mt/personal-data-to-third-party phone [posthog] the saved profile's phone in a mutation callback
      posthog.setPersonProperties({ phone: result.profile.phone, company: result.profile.companyName });
    },
    onError: (error) => {
      // expect: mt/personal-data-to-third-party email [sentry] a message with the address interpolated
      Sentry.captureMessage(`onboarding failed for ${email}: ${String(error)}`);
    },
  });

  function finish(answers: OnboardingAnswers) {
    // quiet [posthog] role, team size and goals are answers about work, not identity
    posthog.capture('onboarding_finished', { role: answers.role, teamSize: answers.teamSize, goals: answers.goals });
    // expect: mt/personal-data-to-third-party email [posthog] the address from the store selector
    posthog.alias(email, userId);
    // quiet [posthog] a value sealed by the team's own sanitizer (mt-pii.json "sanitizers")
    posthog.capture('onboarding_contact', { contact: sealForAnalytics(email) });
    mutate(answers);
  }

  return <button onClick={() => finish({ role: 'eng', teamSize: 3, goals: [] })}>Finish</button>;
}
