import { record } from './track';

export function saveProfile(value: string) {
  record('Profile Saved', value);
}
