'use server';

import { PostHog } from 'posthog-node';
import * as Sentry from '@sentry/nextjs';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from '@/lib/password';

const posthog = new PostHog(process.env.POSTHOG_API_KEY!, { host: 'https://us.i.posthog.com' });

const signUpSchema = z.object({
  email: z.string().email(),
  fullName: z.string().min(1),
  password: z.string().min(12),
  marketingOptIn: z.boolean().default(false),
});

export type ActionState = { error?: string; fieldErrors?: Record<string, string[]> };

export async function signUp(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signUpSchema.safeParse({
    email: formData.get('email'),
    fullName: formData.get('fullName'),
    password: formData.get('password'),
    marketingOptIn: formData.get('marketingOptIn') === 'on',
  });
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors;
    // quiet [sentry] only which fields failed validation
    Sentry.captureMessage('signup validation failed', { extra: { fields: Object.keys(fieldErrors) } });
    return { fieldErrors };
  }
  const { email, fullName, password, marketingOptIn } = parsed.data;
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    // quiet [posthog] the id of the existing account and a boolean
    posthog.capture({ distinctId: existing.id, event: 'signup_duplicate', properties: { hasPassword: !!existing.passwordHash } });
    return { error: 'An account with this email already exists.' };
  }
  const user = await db.user.create({ data: { email, fullName, passwordHash: await hashPassword(password) } });

  // expect: mt/personal-data-to-third-party email,name [posthog]
  posthog.identify({ distinctId: user.id, properties: { email, name: fullName, marketingOptIn } });
  // quiet [posthog] event with the opaque id and an opt-in boolean
  posthog.capture({ distinctId: user.id, event: 'user_signed_up', properties: { marketingOptIn, emailDomainIsWork: !email.endsWith('@gmail.com') } });
  redirect('/onboarding');
}

export async function signIn(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get('email') ?? '').toLowerCase();
  const password = String(formData.get('password') ?? '');
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok) {
      // expect: mt/personal-data-to-third-party email [posthog] the address of a failed login goes to analytics
      posthog.capture({ distinctId: email, event: 'login_failed' });
      return { error: 'Wrong email or password' };
    }
    // quiet [posthog] opaque id only
    posthog.capture({ distinctId: user.id, event: 'login_succeeded', properties: { method: 'password' } });
  } catch (err) {
    // expect: mt/personal-data-to-third-party credentials,email [sentry] the whole attempt, password included
    Sentry.captureException(err, { extra: { email, password } });
    return { error: 'Something went wrong' };
  }
  redirect('/dashboard');
}

export async function requestPasswordReset(formData: FormData) {
  const email = formData.get('email');
  const user = await db.user.findUnique({ where: { email: String(email) } });
  // quiet [sentry] a breadcrumb saying whether an account was found
  Sentry.addBreadcrumb({ category: 'auth', message: 'password reset requested', data: { found: Boolean(user) } });
  if (user) {
    // quiet [posthog] opaque id; the template id is not an email
    posthog.capture({ distinctId: user.id, event: 'password_reset_requested', properties: { emailTemplateId: 'reset-v2' } });
  }
}
