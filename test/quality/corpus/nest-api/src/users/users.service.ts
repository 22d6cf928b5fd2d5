import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { AnalyticsService } from '../analytics/analytics.service';
import { SegmentService } from '../analytics/segment.service';
import { BillingService } from '../billing/billing.service';
import { MailService } from '../mail/mail.service';
import { ErrorReporter } from '../observability/error-reporter.service';
import { UsersRepository } from './users.repository';
import type { User } from './user.entity';

export class SignUpDto {
  email!: string;
  fullName!: string;
  phone?: string;
  password!: string;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly repo: UsersRepository,
    private readonly analytics: AnalyticsService,
    private readonly segment: SegmentService,
    private readonly billing: BillingService,
    private readonly mail: MailService,
    private readonly errors: ErrorReporter,
  ) {}

  async signUp(dto: SignUpDto): Promise<User> {
    const user = await this.repo.create(dto);
    // expect: mt/personal-data-in-logs email [nestjs-logger] the new account's address in the service log
    this.logger.log(`signed up ${user.email}`);
    // quiet [nestjs-logger] the id and plan
    this.logger.log(`signed up user ${user.id} on ${user.plan}`);
    // expect: mt/personal-data-to-third-party email,name [posthog] through the injected service's public client field
    this.analytics.client.identify({ distinctId: user.id, properties: { email: user.email, name: user.fullName } });
    // expect: mt/personal-data-to-third-party email,phone [segment] the Segment provider's client
    this.segment.client.identify({ userId: user.id, traits: { email: user.email, phone: user.phone } });
    // quiet [segment] an event with the plan only
    this.segment.client.track({ userId: user.id, event: 'Signed Up', properties: { plan: user.plan } });
    // quiet [posthog] the wrapper called with ids and the plan
    this.analytics.track(user.id, 'user_signed_up', { plan: user.plan });
    // expect: mt/personal-data-to-third-party email [posthog] the wrapper called with the address as a property
    this.analytics.track(user.id, 'signup_contact', { email: dto.email });
    await this.billing.createCustomer(user.id);
    return user;
  }

  async requestPasswordReset(email: string) {
    const user = await this.repo.findByEmail(email);
    if (!user) {
      // expect: mt/personal-data-to-third-party email [sentry] the typed address inside the Error's message
      this.errors.report(new Error(`password reset for unknown address ${email}`));
      return;
    }
    const link = `https://acme-notes.test/reset/${randomBytes(24).toString('hex')}`;
    // expect: mt/personal-data-to-service email,name [sendgrid] the person's address and name into the helper's email/name parameters
    await this.mail.sendPasswordReset(user.email, user.fullName, link);
  }

  async notifyOpsOfReset(link: string) {
    // quiet [sendgrid] the same helper with a fixed inbox and a role name
    await this.mail.sendPasswordReset('security@acme-notes.test', 'Security team', link);
  }

  async syncToCrm(user: User) {
    try {
      await this.repo.markSynced(user.id);
    } catch (err) {
      // expect: mt/personal-data-to-third-party email [sentry] the address in the error's cause
      this.errors.report(new Error('crm sync failed', { cause: { userId: user.id, email: user.email } }));
      // quiet [sentry] an id in the extra context
      this.errors.report(err, { userId: user.id, step: 'crm-sync' });
    }
  }

  async remove(id: string) {
    const user = await this.repo.findById(id);
    if (!user) {
      // quiet [sentry] an id in the message of a not-found error
      this.errors.report(new NotFoundException(`user ${id} not found`));
      return;
    }
    await this.repo.delete(id);
    // quiet [nestjs-logger] an id
    this.logger.warn(`deleted user ${id}`);
  }
}
