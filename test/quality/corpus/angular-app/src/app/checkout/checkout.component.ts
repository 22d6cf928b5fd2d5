import { Component, inject } from '@angular/core';
import { FormBuilder } from '@angular/forms';
import { RUM, SEGMENT } from '../core/tokens';
import { TelemetryService } from '../core/telemetry.service';
import { SessionService } from '../core/session.service';
import { ProfileStore } from '../profile/profile.store';

@Component({ selector: 'app-checkout', standalone: true, template: '<form [formGroup]="form"></form>' })
export class CheckoutComponent {
  private readonly fb = inject(FormBuilder);
  private readonly segment = inject(SEGMENT);
  private readonly rum = inject(RUM);
  private readonly telemetry = inject(TelemetryService);
  private readonly session = inject(SessionService);
  private readonly store = inject(ProfileStore);

  readonly form = this.fb.nonNullable.group({ email: [''], postalCode: [''], giftMessage: [''] });

  placeOrder(total: number) {
    const { email, postalCode } = this.form.getRawValue();
    // expect: mt/personal-data-to-third-party email,postal-address [segment] the checkout email and postal code to the token's Segment client
    void this.segment.track('Order Placed', { email, postalCode, total });
    // quiet [segment] the order total only
    void this.segment.track('Order Total', { total });
    // expect: mt/personal-data-to-third-party email [datadog-rum] the email in the RUM action from the injected token
    this.rum.addAction('checkout_email', { email });
    // quiet [datadog-rum] the total as RUM context
    this.rum.addAction('checkout_total', { total });
    // quiet [segment] the telemetry service with a constant page name
    this.telemetry.page('checkout');
    this.session.account.set(null);
    // quiet [web-storage] the store's tab helper with a fixed tab name
    this.store.rememberTab('contact');
  }
}
