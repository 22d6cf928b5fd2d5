import { Injectable, inject } from '@angular/core';
import * as Sentry from '@sentry/angular';
import { SEGMENT } from './tokens';
import { SessionService } from './session.service';

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  company?: string;
}

/** One service the components inject for analytics and error context. */
@Injectable({ providedIn: 'root' })
export class TelemetryService {
  private readonly segment = inject(SEGMENT);
  private readonly session = inject(SessionService);

  identify() {
    const account = this.session.account();
    if (!account) return;
    // expect: mt/personal-data-to-third-party email,name [segment] the injected client identifies with the account's fields
    void this.segment.identify(account.id, { email: account.email, firstName: account.firstName, lastName: account.lastName });
    // expect: mt/personal-data-to-third-party email [sentry] the Sentry user with the address
    Sentry.setUser({ id: account.id, email: account.email });
  }

  page(name: string) {
    // quiet [segment] a page name
    void this.segment.page(name);
  }

  forget() {
    // quiet [segment] reset carries no data
    void this.segment.reset();
    // quiet [sentry] clearing the user
    Sentry.setUser(null);
  }
}
