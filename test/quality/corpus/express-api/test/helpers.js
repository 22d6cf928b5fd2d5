const { capture } = require('../src/lib/telemetry');

/** Test helper: fakes a signup so integration tests can assert on analytics. */
function fakeSignup(overrides = {}) {
  const user = { id: 'u_test', email: 'jane@example.com', firstName: 'Jane', ...overrides };
  // quiet [posthog] test code with a fake person is not scanned
  capture(user.id, 'user_signed_up', { email: user.email, firstName: user.firstName });
  return user;
}

module.exports = { fakeSignup };
