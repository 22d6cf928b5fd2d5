import { LDProvider } from 'launchdarkly-react-client-sdk';
import { StatsigProvider } from '@statsig/react-bindings';
import type { ReactNode } from 'react';
import type { CurrentUser } from '../hooks/useCurrentUser';

export function FlagsProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const context = { kind: 'user', key: user.id, email: user.email, plan: user.plan };
  const statsigUser = { userID: user.id, custom: { plan: user.plan, seats: user.seatCount } };
  return (
    // expect: mt/personal-data-to-third-party email [launchdarkly] LaunchDarkly context with the address
    <LDProvider clientSideID={import.meta.env.VITE_LD_CLIENT_ID} context={context}>
      {/* quiet [statsig] Statsig user with the id and plan */}
      <StatsigProvider sdkKey={import.meta.env.VITE_STATSIG_KEY} user={statsigUser}>
        {children}
      </StatsigProvider>
    </LDProvider>
  );
}
