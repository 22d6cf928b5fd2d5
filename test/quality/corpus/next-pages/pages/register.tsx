import { useState, type ChangeEvent, type FormEvent } from 'react';
import * as amplitude from '@amplitude/analytics-browser';
import { useTrack } from '../hooks/useTrack';

amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_KEY!, { defaultTracking: false });

export default function Register() {
  const track = useTrack();
  const [contact, setContact] = useState('');
  const [zip, setZip] = useState('');
  const [birthday, setBirthday] = useState('');
  const [agreed, setAgreed] = useState(false);

  function onContact(e: ChangeEvent<HTMLInputElement>) {
    setContact(e.target.value);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const phone = form.get('phone') as string;
    // expect: mt/personal-data-to-third-party phone [mixpanel] read from the form by field name, sent through the hook
    track('Registered', { phone, agreed });
    // expect: mt/personal-data-to-third-party date-of-birth [amplitude] the birthday typed in
    amplitude.track('Profile Completed', { birthday });
    // quiet [amplitude] booleans about the form
    amplitude.track('Form Checked', { hasZip: zip !== '', agreed, contactLength: contact.length });
    // expect: mt/personal-data-to-third-party email [amplitude] the value of the type=email input, through a generic state name
    amplitude.setUserId(contact);
  }

  return (
    <form onSubmit={onSubmit}>
      <input type="email" name="email" value={contact} onChange={onContact} />
      <input type="tel" name="phone" />
      <input name="zip" value={zip} onChange={(e) => setZip(e.target.value)} />
      <input type="date" name="birthday" value={birthday} onChange={(e) => setBirthday(e.target.value)} />
      <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
    </form>
  );
}
