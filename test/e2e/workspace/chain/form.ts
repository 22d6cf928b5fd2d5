import { saveProfile } from './profile';

export function submitForm(value: string) {
  saveProfile(value);
}
