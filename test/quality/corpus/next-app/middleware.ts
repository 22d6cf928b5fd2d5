import { NextResponse, type NextRequest } from 'next/server';

export function middleware(req: NextRequest) {
  const res = NextResponse.next();
  if (!req.cookies.get('anon_id')) {
    res.cookies.set('anon_id', crypto.randomUUID(), { httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  }
  return res;
}

export const config = { matcher: ['/((?!_next|api).*)'] };
