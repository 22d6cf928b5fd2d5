import { bootstrapApplication } from '@angular/platform-browser';
import { ErrorHandler } from '@angular/core';
import * as Sentry from '@sentry/angular';
import { datadogRum } from '@datadog/browser-rum';
import { ProfileComponent } from './app/profile/profile.component';

Sentry.init({ dsn: 'https://abc@o1.ingest.sentry.io/2', sendDefaultPii: false });
datadogRum.init({ applicationId: 'app-1', clientToken: 'pub-2', site: 'datadoghq.com', service: 'portal', sessionSampleRate: 20 });

bootstrapApplication(ProfileComponent, {
  providers: [{ provide: ErrorHandler, useValue: Sentry.createErrorHandler({ showDialog: false }) }],
}).catch((err) => {
  // quiet [console] a bootstrap error
  console.error(err);
});
