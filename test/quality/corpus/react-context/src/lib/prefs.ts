import Cookies from 'js-cookie';
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
