'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import * as Sentry from '@sentry/nextjs';
import { trackEvent, identifyUser } from '@/lib/analytics';
import { maskEmail } from '@/lib/crypto';

type ProfileValues = {
  displayName: string;
  email: string;
  phone: string;
  bio: string;
  emailVerified: boolean;
};

export function ProfileForm({ initial }: { initial: ProfileValues & { userId: string } }) {
  const { register, handleSubmit, formState } = useForm<ProfileValues>({ defaultValues: initial });
  const [saving, setSaving] = useState(false);

  const onSubmit = handleSubmit(async (values) => {
    setSaving(true);
    try {
      const res = await fetch('/api/profile', { method: 'PATCH', body: JSON.stringify(values) });
      if (!res.ok) throw new Error(`profile update failed: ${res.status}`);
      // quiet [segment] names of the changed fields, not their values
      trackEvent('Profile Updated', { fields: Object.keys(formState.dirtyFields), emailVerified: values.emailVerified });
      // expect: mt/personal-data-to-third-party email,name,phone [segment] the submitted values as traits through the wrapper
      identifyUser(initial.userId, { email: values.email, name: values.displayName, phone: values.phone });
    } catch (error) {
      // quiet [sentry] the masked address only
      Sentry.captureException(error, { extra: { email: maskEmail(values.email) } });
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={onSubmit}>
      <input {...register('displayName')} />
      <input type="email" {...register('email', { required: true })} />
      <input type="tel" {...register('phone')} />
      <textarea {...register('bio')} />
      <button disabled={saving}>Save</button>
    </form>
  );
}
