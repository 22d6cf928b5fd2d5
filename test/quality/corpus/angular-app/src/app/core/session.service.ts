import { Injectable, signal } from '@angular/core';
import type { Account } from './telemetry.service';

@Injectable({ providedIn: 'root' })
export class SessionService {
  readonly account = signal<Account | null>(null);
}
