'use client';

import { setCookie } from 'cookies-next';
import { useCookies } from 'react-cookie';
import { set as idbSet } from 'idb-keyval';
import Dexie, { type Table } from 'dexie';

type Draft = { id?: number; to: string; subject: string; body: string };
class MailDb extends Dexie {
  drafts!: Table<Draft, number>;
  constructor() {
    super('mail');
    this.version(1).stores({ drafts: '++id' });
  }
}
const db = new MailDb();

export function Preferences({ user }: { user: { id: string; email: string; ssnLast4: string; taxId?: string; insurancePolicyNumber?: string } }) {
  const [, setReactCookie] = useCookies(['theme', 'tin']);

  function saveTheme(theme: 'light' | 'dark') {
    // quiet [cookies-next] a theme preference
    setCookie('theme', theme, { maxAge: 60 * 60 * 24 * 365 });
    // quiet [universal-cookie] the same through react-cookie
    setReactCookie('theme', theme, { path: '/' });
    // quiet [document-cookie] a cookie with the user's id
    document.cookie = `uid=${user.id}; path=/; max-age=31536000`;
  }

  async function cacheForOffline() {
    // quiet [idb-keyval] the last four digits of the SSN only
    await idbSet('ssn-last4', user.ssnLast4);
    // expect: mt/breach-data-on-device taxpayer-id [idb-keyval] the taxpayer id cached for offline use
    await idbSet('profile-tax-id', user.taxId);
    // expect: mt/breach-data-on-device taxpayer-id [universal-cookie] the taxpayer id in a cookie
    setReactCookie('tin', user.taxId, { path: '/', secure: true });
  }

  function rememberForVerification(form: HTMLFormElement) {
    const ssn = new FormData(form).get('ssn') as string;
    // expect: mt/breach-data-on-device ssn [document-cookie] the full SSN from the form kept in a cookie
    document.cookie = 'pending_ssn=' + encodeURIComponent(ssn) + '; path=/verify';
  }

  async function saveDraft(draft: Draft) {
    // quiet [dexie] the helper's own write: its one caller passes visible data, reported at the call
    await db.drafts.put(draft);
  }

  // expect: mt/personal-data-on-device email [dexie] a draft addressed with the user's email kept in IndexedDB (inventory since issue 12)
  return <button onClick={() => { saveTheme('dark'); void cacheForOffline(); void saveDraft({ to: user.email, subject: '', body: '' }); rememberForVerification(document.forms[0]); }}>Save</button>;
}
