const Sentry = require('@sentry/node');
const { PostHog } = require('posthog-node');

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });

const posthog = new PostHog(process.env.POSTHOG_KEY);

/** Server-side product analytics. */
function capture(distinctId, event, properties = {}) {
  posthog.capture({ distinctId, event, properties });
}

function reportError(err, context) {
  Sentry.withScope((scope) => {
    scope.setContext('request', context);
    Sentry.captureException(err);
  });
}

module.exports = { Sentry, capture, reportError };
