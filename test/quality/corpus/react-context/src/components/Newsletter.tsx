import { createContext, useContext, useState } from 'react';
import { useAnalytics } from '@app/hooks/useAnalytics';
import { useErrors } from '@app/providers/ErrorsProvider';

/** The page's own step counter, handed down by context: no SDK behind it. */
const WizardContext = createContext({ step: 0, track: (_event: string, _props: Record<string, unknown>) => undefined as void });

export function Newsletter() {
  const analytics = useAnalytics();
  const errors = useErrors();
  const wizard = useContext(WizardContext);
  const [email, setEmail] = useState('');
  const [postalCode, setPostalCode] = useState('');

  async function subscribe() {
    // quiet [segment] the wizard context's own tracker gets the address: a context with no SDK behind it
    wizard.track('subscribe', { email });
    // expect: mt/personal-data-to-third-party email,postal-address [segment] the context's Segment client with the form values
    void analytics.track('Newsletter Subscribed', { email, postalCode });
    // quiet [segment] the wizard step
    void analytics.track('Newsletter Step', { step: wizard.step });
    const res = await fetch('/api/newsletter', { method: 'POST', body: JSON.stringify({ email, postalCode }) });
    if (!res.ok) {
      // expect: mt/personal-data-to-third-party email [sentry] the address inside the Error given to the context's capture
      errors.capture(new Error(`newsletter signup failed for ${email}`));
      // quiet [sentry] the status code in the error
      errors.capture(new Error(`newsletter signup failed with ${res.status}`));
    }
  }

  return (
    <form onSubmit={subscribe}>
      <input value={email} onChange={(e) => setEmail(e.target.value)} type="email" />
      <input value={postalCode} onChange={(e) => setPostalCode(e.target.value)} />
    </form>
  );
}
