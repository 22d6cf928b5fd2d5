import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { PostHog } from 'posthog-node';
import { POSTHOG } from '../common/tokens';

/** Product analytics behind one injectable, so controllers never import the SDK. */
@Injectable()
export class AnalyticsService implements OnModuleDestroy {
  constructor(@Inject(POSTHOG) readonly client: PostHog) {}

  track(distinctId: string, event: string, properties: Record<string, unknown> = {}) {
    // quiet [posthog] the wrapper's own call: its callers pass visible data and are reported where they call it
    this.client.capture({ distinctId, event, properties });
  }

  async onModuleDestroy() {
    await this.client.shutdown();
  }
}
