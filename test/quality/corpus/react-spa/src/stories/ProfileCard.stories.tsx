import type { Meta } from '@storybook/react';
import * as Sentry from '@sentry/react';

const meta: Meta = { title: 'Profile/Card' };
export default meta;

const person = { id: 'p1', email: 'sam@example.com', fullName: 'Sam Doe' };

export const Default = () => {
  // quiet [sentry] a story with a made-up person is not scanned
  Sentry.setUser({ email: person.email });
  return null;
};
