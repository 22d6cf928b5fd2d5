const Sentry = require('@sentry/node');
const { fakeSignup } = require('./helpers');

describe('signup', () => {
  it('reports the user to Sentry', () => {
    const user = fakeSignup();
    // quiet [sentry] a test asserting on a fake user's address
    Sentry.setUser({ id: user.id, email: user.email });
  });
});
