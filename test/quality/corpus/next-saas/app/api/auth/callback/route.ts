import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import * as Sentry from '@sentry/nextjs';
import { prisma } from '@/lib/prisma';

export async function GET(req: Request) {
  const code = new URL(req.url).searchParams.get('code');
  try {
    const user = await prisma.user.findFirstOrThrow({ where: { id: code ?? '' } });
    const jar = await cookies();
    // expect: mt/personal-data-on-device email [next-cookies] a server-set cookie with the user's address for the sign-in form
    jar.set('last_login_email', user.email, { maxAge: 60 * 60 * 24 * 90, sameSite: 'lax' });
    // quiet [next-cookies] a server-set cookie with the theme
    jar.set('theme', 'system', { maxAge: 60 * 60 * 24 * 365 });
    return NextResponse.redirect(new URL('/dashboard', req.url));
  } catch (err) {
    // expect: mt/personal-data-to-third-party email [sentry] the login email in the error's extra
    Sentry.captureException(err, { extra: { loginEmail: new URL(req.url).searchParams.get('email') } });
    // quiet [sentry] the callback's code length and a step name in extra
    Sentry.captureException(err, { extra: { step: 'oauth-callback', codeLength: code?.length ?? 0 } });
    return NextResponse.redirect(new URL('/login?error=1', req.url));
  }
}
