import { useState } from 'react';
import { useAnalytics } from '@app/hooks/useAnalytics';

export function PhoneVerify() {
  const analytics = useAnalytics();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');

  async function send() {
    await fetch('/api/verify/sms', { method: 'POST', body: JSON.stringify({ phone }) });
    // expect: mt/personal-data-to-third-party phone [segment] the typed number as an event property
    void analytics.track('Verification Sent', { phone });
    // quiet [segment] the length of the code, not the code
    void analytics.track('Code Typed', { digits: code.length });
  }

  return (
    <div>
      <input value={phone} onChange={(e) => setPhone(e.target.value)} type="tel" />
      <input value={code} onChange={(e) => setCode(e.target.value)} />
      <button onClick={send}>Send code</button>
    </div>
  );
}
