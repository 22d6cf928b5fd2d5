import { useState } from 'react';
import posthog from 'posthog-js';
import { save } from '../lib/storage';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { setAdUserData } from '../lib/pixels';

export function NewsletterSignup({ source }: { source: string }) {
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<'idle' | 'sent' | 'error'>('idle');
  const [dismissed, setDismissed] = useLocalStorage('newsletter-dismissed', false);

  async function submit() {
    const res = await fetch('/api/newsletter', { method: 'POST', body: JSON.stringify({ email, source }) });
    setStatus(res.ok ? 'sent' : 'error');
    // quiet [posthog] the result and the source of the form
    posthog.capture('newsletter_submitted', { ok: res.ok, source });
    if (res.ok) {
      // expect: mt/personal-data-to-third-party email [posthog] the address as a person property
      posthog.setPersonProperties({ email });
      // expect: mt/personal-data-to-third-party email [google-tag] through a helper in another file with a generic parameter
      setAdUserData({ email });
      // quiet [web-storage] a timestamp through the storage helper
      save('newsletter-submitted-at', Date.now());
    }
  }

  if (dismissed) return null;
  return (
    <div>
      <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@example.com" />
      <button onClick={submit}>Subscribe</button>
      <button onClick={() => setDismissed(true)}>No thanks</button>
      {status === 'error' && <p>Try again</p>}
    </div>
  );
}
