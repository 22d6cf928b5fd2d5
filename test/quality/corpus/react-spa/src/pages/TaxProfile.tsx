import { useState } from 'react';
import * as Sentry from '@sentry/react';
import { save, load, remove } from '../lib/storage';
import { useLocalStorage } from '../hooks/useLocalStorage';

type TaxProfile = { filingStatus: 'single' | 'joint'; ssn: string; dependents: number; employerEin: string };

export default function TaxProfilePage() {
  const [profile, setProfile] = useState<TaxProfile>(() => load('tax-profile', { filingStatus: 'single', ssn: '', dependents: 0, employerEin: '' }));
  // expect: mt/breach-data-on-device ssn [web-storage] the SSN field kept in localStorage through a hook whose key names it
  const [ssnDraft, setSsnDraft] = useLocalStorage('ssn-draft', '');
  const [ipPin, setIpPin] = useState('');

  function onSave() {
    // expect: mt/breach-data-on-device ssn [web-storage] the profile with its SSN through the storage helper
    save('tax-profile', { ...profile, ssn: ssnDraft });
    // quiet [web-storage] the filing status alone
    save('filing-status', profile.filingStatus);
    // expect: mt/breach-data-on-device taxpayer-id [web-storage] the IRS identity protection PIN
    save('irs-ip-pin', ipPin);
    // quiet [sentry] dependents count and a boolean
    Sentry.setContext('tax', { dependents: profile.dependents, hasEin: profile.employerEin !== '' });
    remove('ssn-draft');
  }

  return (
    <form>
      <input value={ssnDraft} onChange={(e) => setSsnDraft(e.target.value)} inputMode="numeric" />
      <input value={ipPin} onChange={(e) => setIpPin(e.target.value)} />
      <select value={profile.filingStatus} onChange={(e) => setProfile({ ...profile, filingStatus: e.target.value as TaxProfile['filingStatus'] })} />
      <button type="button" onClick={onSave}>Save</button>
    </form>
  );
}
