import { Inject, Injectable } from '@nestjs/common';
import { Analytics } from '@segment/analytics-node';
import { AnalyticsService } from '../analytics/analytics.service';
import { ErrorReporter } from '../observability/error-reporter.service';
import { UsersRepository } from '../users/users.repository';

export const SEGMENT = 'SEGMENT_CLIENT';

/** In-process counters: the same method names as an analytics SDK, nothing leaves the process. */
@Injectable()
export class MetricsService {
  private readonly counts = new Map<string, number>();
  track(event: string, _props: Record<string, unknown> = {}) {
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
  }
  identify(_id: string, _traits: Record<string, unknown>) {}
}

interface Recipient {
  id: string;
  email: string;
  phone: string;
  timezone: string;
}

@Injectable()
export class NotificationsService {
  /** Property injection: the container fills the typed field. */
  @Inject(AnalyticsService) private readonly analytics!: AnalyticsService;

  constructor(
    @Inject(SEGMENT) private readonly segment: Analytics,
    private readonly metrics: MetricsService,
    private readonly errors: ErrorReporter,
    private readonly users: UsersRepository,
  ) {}

  async optIn(recipient: Recipient, channel: 'sms' | 'email') {
    // expect: mt/personal-data-to-third-party phone [segment] a client injected by token, typed with the SDK class
    this.segment.identify({ userId: recipient.id, traits: { phone: recipient.phone, channel } });
    // quiet [segment] the channel and the time zone
    this.segment.track({ userId: recipient.id, event: 'Notifications Opted In', properties: { channel, timezone: recipient.timezone } });
    // expect: mt/personal-data-to-third-party email [posthog] the wrapper reached through a typed field the container fills
    this.analytics.track(recipient.id, 'opt_in_email', { email: recipient.email });
    // quiet [posthog] the same field with the channel only
    this.analytics.track(recipient.id, 'opt_in', { channel });
    // quiet [posthog] in-process counters with the address: an injected class named like the analytics wrapper, no SDK behind it
    this.metrics.identify(recipient.id, { email: recipient.email, phone: recipient.phone });
    // quiet [posthog] the same counters with the phone
    this.metrics.track('opt_in', { phone: recipient.phone });
  }

  async bounce(email: string, reason: string) {
    const user = await this.users.findByEmail(email);
    if (!user) {
      // expect: mt/personal-data-to-third-party email [sentry] the bounced address in the error message, through the injected reporter
      this.errors.report(new Error(`bounce for unknown address ${email}: ${reason}`));
      return;
    }
    // quiet [sentry] an error with the user id and the bounce reason
    this.errors.report(new Error(`bounce for user ${user.id}: ${reason}`));
  }

  async deliveryFailed(recipient: Recipient, err: unknown) {
    // expect: mt/personal-data-to-third-party phone [sentry] the number in the error's cause
    this.errors.report(new Error('sms delivery failed', { cause: { to: recipient.phone, err } }));
    // quiet [sentry] the caught error wrapped with the recipient id
    this.errors.report(new Error(`delivery failed for ${recipient.id}`, { cause: err }));
  }
}
