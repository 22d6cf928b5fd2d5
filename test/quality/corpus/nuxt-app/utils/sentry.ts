import * as Sentry from '@sentry/vue';

export const reportError = (err: unknown) => Sentry.captureException(err);
export const scope = () => Sentry.getCurrentScope();
