'use client';

import { useEffect } from 'react';
import { useSession } from 'next-auth/react';
import LogRocket from 'logrocket';
import * as Sentry from '@sentry/nextjs';
import { IntercomProvider, useIntercom } from 'react-use-intercom';

function IntercomBoot() {
  const { data: session } = useSession();
  const { boot, update, trackEvent } = useIntercom();

  useEffect(() => {
    if (!session?.user) {
      // quiet [intercom] an anonymous boot with a literal language setting
      boot({ languageOverride: 'en' });
      return;
    }
    // expect: mt/personal-data-to-third-party email,name [intercom] support chat gets the signed-in user's contact details
    boot({ userId: session.user.id, email: session.user.email!, name: session.user.name! });
    // quiet [intercom] an event with the plan name
    trackEvent('dashboard-opened', { plan: session.user.plan });
  }, [session, boot, trackEvent]);

  useEffect(() => {
    // quiet [intercom] a UI flag
    update({ hideDefaultLauncher: true });
  }, [update]);
  return null;
}

export function Providers({ children }: { children: React.ReactNode }) {
  const { data: session } = useSession();

  useEffect(() => {
    if (!session?.user) return;
    const { id, email, name } = session.user;
    // expect: mt/personal-data-to-third-party email,name [logrocket] session replay identify with traits
    LogRocket.identify(id, { name: name ?? '', email: email ?? '' });
    // quiet [sentry] Sentry user with the id only
    Sentry.setUser({ id });
  }, [session]);

  return (
    <IntercomProvider appId={process.env.NEXT_PUBLIC_INTERCOM_APP_ID!}>
      <IntercomBoot />
      {children}
    </IntercomProvider>
  );
}
