import { Body, Controller, Logger, Post } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';

class FeedbackDto {
  userId!: string;
  rating!: 1 | 2 | 3 | 4 | 5;
  comment?: string;
  page!: string;
}

@Controller('feedback')
export class FeedbackController {
  private readonly logger = new Logger('Feedback');

  constructor(private readonly analytics: AnalyticsService) {}

  @Post()
  submit(@Body() dto: FeedbackDto) {
    // expect: mt/personal-data-to-service user-content [posthog] the comment the user wrote, as an event property
    this.analytics.client.capture({ distinctId: dto.userId, event: 'feedback_submitted', properties: { rating: dto.rating, comment: dto.comment } });
    // quiet [posthog] the rating and the page
    this.analytics.client.capture({ distinctId: dto.userId, event: 'feedback_rated', properties: { rating: dto.rating, page: dto.page } });
    // expect: mt/personal-data-in-logs user-content [nestjs-logger] the feedback text in the log
    this.logger.debug(`feedback from ${dto.userId}: ${dto.comment}`);
    // quiet [nestjs-logger] a rating and a page
    this.logger.log(`feedback ${dto.rating}/5 on ${dto.page}`);
    return { ok: true };
  }
}
