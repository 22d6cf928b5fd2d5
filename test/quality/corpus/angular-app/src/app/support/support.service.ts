import { Injectable, inject } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import Intercom, { trackEvent, update } from '@intercom/messenger-js-sdk';
import type { Account } from '../core/telemetry.service';

@Injectable({ providedIn: 'root' })
export class SupportService {
  private readonly http = inject(HttpClient);

  boot(account: Account) {
    // expect: mt/personal-data-to-third-party email,name [intercom] the messenger booted with the account's contact data
    Intercom({ app_id: 'x7k2m9', user_id: account.id, email: account.email, name: `${account.firstName} ${account.lastName}` });
  }

  describeIssue(topic: string, details: string) {
    // expect: mt/personal-data-to-service user-content [intercom] the issue the user described, as event metadata
    trackEvent('issue-described', { topic, details });
    // quiet [intercom] the topic picked from a fixed list
    update({ last_topic: topic });
    return this.http.post('/api/support/tickets', { topic, details });
  }
}
