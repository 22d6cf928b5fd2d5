import { Injectable } from '@nestjs/common';
import * as Sentry from '@sentry/node';

/** Sends exceptions to Sentry with optional context. */
@Injectable()
export class ErrorReporter {
  report(error: unknown, extra: Record<string, unknown> = {}) {
    // quiet [sentry] the reporter's own call: each caller's data is visible and reported at the call
    Sentry.captureException(error, { extra });
  }
}
