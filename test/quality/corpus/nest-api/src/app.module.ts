import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { PostHog } from 'posthog-node';
import Stripe from 'stripe';
import { POSTHOG, STRIPE } from './common/tokens';
import { AnalyticsService } from './analytics/analytics.service';
import { SegmentService } from './analytics/segment.service';
import { BillingService } from './billing/billing.service';
import { BillingController } from './billing/billing.controller';
import { MailService } from './mail/mail.service';
import { ErrorReporter } from './observability/error-reporter.service';
import { UsersService } from './users/users.service';
import { UsersController } from './users/users.controller';
import { FeedbackController } from './feedback/feedback.controller';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true })],
  controllers: [UsersController, FeedbackController, BillingController],
  providers: [
    {
      provide: POSTHOG,
      useFactory: (config: ConfigService) => new PostHog(config.getOrThrow('POSTHOG_KEY'), { host: 'https://us.i.posthog.com', flushAt: 1 }),
      inject: [ConfigService],
    },
    {
      provide: STRIPE,
      useFactory: (config: ConfigService) => new Stripe(config.getOrThrow('STRIPE_SECRET_KEY'), { apiVersion: '2024-06-20' }),
      inject: [ConfigService],
    },
    AnalyticsService,
    SegmentService,
    BillingService,
    MailService,
    ErrorReporter,
    UsersService,
  ],
})
export class AppModule {}
