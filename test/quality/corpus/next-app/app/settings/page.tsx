import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { db } from '@/lib/db';
import { TrackOnMount } from '@/components/TrackOnMount';
import { IdentifyUser, IdentifyById } from '@/components/IdentifyUser';
import { ProfileForm } from './ProfileForm';

export default async function SettingsPage() {
  const session = await auth();
  if (!session?.user) redirect('/login');
  const profile = await db.profile.findUniqueOrThrow({ where: { userId: session.user.id } });

  return (
    <main className="mx-auto max-w-2xl">
      {/* quiet [segment] the page name and a count */}
      <TrackOnMount event="settings_viewed" properties={{ section: 'profile', teams: profile.teamCount }} />
      {/* expect: mt/personal-data-to-third-party phone [segment] a prop that reaches analytics.track inside the component */}
      <TrackOnMount event="settings_viewed_with_contact" properties={{ phone: profile.phoneNumber }} />
      <IdentifyUser person={{ id: session.user.id, email: session.user.email, name: session.user.name, plan: profile.plan }} />
      <IdentifyById userId={session.user.id} />
      <ProfileForm initial={profile} />
    </main>
  );
}
