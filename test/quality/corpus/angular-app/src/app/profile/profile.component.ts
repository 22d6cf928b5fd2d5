import { Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RUM } from '../core/tokens';
import { TelemetryService } from '../core/telemetry.service';
import { ProfileStore } from './profile.store';

@Component({
  selector: 'app-profile',
  standalone: true,
  imports: [ReactiveFormsModule],
  template: `<form [formGroup]="form" (ngSubmit)="save()"><input formControlName="phone" /><input formControlName="address" /></form>`,
})
export class ProfileComponent {
  private readonly fb = inject(FormBuilder);
  private readonly rum = inject(RUM);
  private readonly telemetry = inject(TelemetryService);
  private readonly store = inject(ProfileStore);
  readonly saving = signal(false);

  readonly form = this.fb.nonNullable.group({
    phone: ['', Validators.required],
    address: [''],
    newsletter: [false],
  });

  save() {
    const { phone, address, newsletter } = this.form.getRawValue();
    // expect: mt/personal-data-to-third-party phone,postal-address [datadog-rum] form values as RUM action context through an inject() token
    this.rum.addAction('profile_saved', { phone, address });
    // quiet [datadog-rum] a boolean from the same form
    this.rum.addAction('newsletter_toggled', { newsletter });
    // expect: mt/personal-data-on-device phone,postal-address [web-storage] the phone and home address kept in sessionStorage by the injected store
    this.store.remember({ phone, address });
  }

  onSignedIn() {
    this.telemetry.identify();
    // quiet [segment] a constant page name through the same service
    this.telemetry.page('profile');
  }
}
