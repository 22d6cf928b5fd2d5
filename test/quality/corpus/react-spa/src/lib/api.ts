import * as Sentry from '@sentry/react';
import LogRocket from 'logrocket';

export function loadMe() {
  return fetch('/api/me')
    .then((res) => res.json() as Promise<{ user: { id: string; email: string; phone: string; role: string } }>)
    .then(({ user }) => {
      // expect: mt/personal-data-to-third-party email [sentry] the user from a promise chain
      Sentry.setUser({ id: user.id, email: user.email });
      // expect: mt/personal-data-to-third-party phone [logrocket] user traits from the same chain
      LogRocket.identify(user.id, { phone: user.phone, role: user.role });
      return user;
    });
}

export function reportSlowRequest(url: string, ms: number) {
  // quiet [sentry] a URL path and a duration
  Sentry.captureMessage('slow request', { extra: { url: new URL(url, location.origin).pathname, ms } });
  // quiet [logrocket] the same as a LogRocket event
  LogRocket.track('Slow Request', { ms });
}
