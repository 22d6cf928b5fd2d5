import { submitForm } from './form';

// The leak is three imports away: signup.ts → form.ts → profile.ts → track.ts (Segment).
export function onSignup(account: { email: string }) {
  submitForm(account.email);
}
