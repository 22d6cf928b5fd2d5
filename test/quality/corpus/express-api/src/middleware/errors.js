const { reportError } = require('../lib/telemetry');

/** Express error handler. */
module.exports = function errorHandler(err, req, res, next) {
  if (res.headersSent) return next(err);
  // quiet [sentry] method, route and a request id
  reportError(err, { method: req.method, route: req.route && req.route.path, requestId: req.get('x-request-id') });
  res.status(err.status || 500).json({ error: 'internal_error' });
};
