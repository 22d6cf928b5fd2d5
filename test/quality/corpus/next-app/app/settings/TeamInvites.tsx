'use client';

import posthog from 'posthog-js';
import * as Sentry from '@sentry/nextjs';

type Member = { id: string; email: string; role: 'admin' | 'member'; seats: number };

export function TeamInvites({ members, adminEmail }: { members: Member[]; adminEmail?: string }) {
  function onInvite(pending: Member[]) {
    const emails = pending.map((m) => m.email);
    // expect: mt/personal-data-to-third-party email [posthog] the invitees' addresses collected with map
    posthog.capture('members_invited', { count: pending.length, emails });
    const seats = pending.reduce((sum, m) => sum + m.seats, 0);
    // quiet [posthog] a total computed with reduce and the roles
    posthog.capture('seats_requested', { seats, roles: pending.map((m) => m.role) });
    // quiet [sentry] the environment's admin address is configuration, not a user
    Sentry.setTag('admin_contact', process.env.ADMIN_EMAIL ?? 'unset');
  }

  return <button onClick={() => onInvite(members)}>Invite {members.length}</button>;
}
