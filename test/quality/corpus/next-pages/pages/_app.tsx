import type { AppProps } from 'next/app';
import { useEffect } from 'react';
import Router from 'next/router';
import { SessionProvider, useSession } from 'next-auth/react';
import * as Sentry from '@sentry/nextjs';
import { initMixpanel, Mixpanel } from '../lib/mixpanel';

function UserTracking() {
  const { data, status } = useSession();

  useEffect(() => {
    initMixpanel();
    const onRoute = (url: string) => {
      // quiet [mixpanel] the URL path of the page
      Mixpanel.track('Page View', { url });
    };
    Router.events.on('routeChangeComplete', onRoute);
    return () => Router.events.off('routeChangeComplete', onRoute);
  }, []);

  useEffect(() => {
    if (status !== 'authenticated') return;
    const user = data.user;
    // quiet [mixpanel] the opaque id
    Mixpanel.identify(user.id);
    // expect: mt/personal-data-to-third-party email,name [mixpanel] people profile through the wrapper object
    Mixpanel.people.set({ $email: user.email, $name: user.name, plan: user.plan });
    // expect: mt/personal-data-to-third-party email [sentry] Sentry user with the address
    Sentry.setUser({ id: user.id, email: user.email ?? undefined });
  }, [data, status]);

  return null;
}

export default function App({ Component, pageProps: { session, ...pageProps } }: AppProps) {
  return (
    <SessionProvider session={session}>
      <UserTracking />
      <Component {...pageProps} />
    </SessionProvider>
  );
}
