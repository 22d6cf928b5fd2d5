import Cookies from 'js-cookie';
import { set } from 'idb-keyval';
import type { Member } from '@app/hooks/useCurrentMember';

/** Remembers small things between visits. */
export function rememberMember(member: Member) {
  // expect: mt/personal-data-on-device email [js-cookie] the member's email in a cookie for the sign-in form
  Cookies.set('last_email', member.email, { expires: 30, sameSite: 'lax' });
  // quiet [js-cookie] the tier
  Cookies.set('tier', member.tier, { expires: 30 });
  // expect: mt/personal-data-on-device name [web-storage] the display name for the greeting before login
  localStorage.setItem('greeting-name', member.displayName);
  // quiet [web-storage] a UI preference
  localStorage.setItem('sidebar', 'collapsed');
}

/** The offline copy of the member for the PWA. */
export async function cacheMember(member: Member) {
  // expect: mt/personal-data-on-device date-of-birth,email,name,phone [idb-keyval] the whole typed member in IndexedDB
  await set('member', member);
  // quiet [idb-keyval] the time of the last sync
  await set('member:syncedAt', Date.now());
}
