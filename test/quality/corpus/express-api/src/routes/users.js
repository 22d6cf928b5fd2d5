const express = require('express');
const { body, validationResult } = require('express-validator');
const { Sentry, capture, reportError } = require('../lib/telemetry');
const db = require('../services/db');
const { redact } = require('../lib/redact');

const router = express.Router();

router.post('/signup', body('email').isEmail(), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) {
    // quiet [posthog] field names of the validation errors
    capture('anonymous', 'signup_invalid', { fields: errors.array().map((e) => e.path) });
    return res.status(422).json({ errors: errors.array() });
  }
  const { email, password, firstName, lastName, phone } = req.body;
  const user = await db.users.insert({ email, password, firstName, lastName, phone });
  // expect: mt/personal-data-to-third-party email,name [posthog] traits through the shared capture helper
  capture(user.id, 'user_signed_up', { email, firstName, lastName });
  // quiet [posthog] the opaque id and a boolean
  capture(user.id, 'signup_channel', { hasPhone: Boolean(phone), channel: req.query.utm_source });
  res.status(201).json({ id: user.id });
});

router.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  if (!user) {
    // expect: mt/personal-data-to-third-party email [sentry] the typed address as a breadcrumb
    Sentry.addBreadcrumb({ category: 'auth', message: `login failed for ${req.body.email}` });
    return res.status(401).end();
  }
  // expect: mt/personal-data-to-third-party ip-address [sentry] the client IP on the Sentry user
  Sentry.setUser({ id: user.id, ip_address: req.ip });
  // quiet [sentry] a redacted address
  Sentry.setContext('login', { email: redact(user.email) });
  res.json({ ok: true });
});

router.put('/me/address', async (req, res, next) => {
  try {
    const address = await db.addresses.upsert(req.user.id, req.body);
    // quiet [posthog] which fields changed, not their values
    capture(req.user.id, 'address_updated', { changed: Object.keys(req.body) });
    res.json(address);
  } catch (err) {
    // expect: mt/personal-data-to-third-party postal-address [sentry] the address update payload as error context
    reportError(err, { userId: req.user.id, homeAddress: req.body });
    next(err);
  }
});

module.exports = router;
