import mixpanel from '@telemetry';
import { rollbar } from 'Shared/rollbar';

async function loadAccount() {
  const res = await fetch('/api/account');
  /** @type {{ id: string, email: string, name: string, plan: string, mailingAddress: string }} */
  const member = await res.json();
  // quiet [mixpanel] the opaque member id
  mixpanel.identify(member.id);
  // expect: mt/personal-data-to-third-party email,name [mixpanel] people properties through a webpack resolve.alias
  mixpanel.people.set({ $email: member.email, $name: member.name });
  // quiet [mixpanel] the plan
  mixpanel.track('Account Viewed', { plan: member.plan });
  // expect: mt/personal-data-on-device email [document-cookie] the member's email in a cookie for the help widget
  document.cookie = `portal_email=${encodeURIComponent(member.email)}; path=/; max-age=2592000`;
  // quiet [document-cookie] a UI flag
  document.cookie = 'portal_tour=done; path=/';
  return member;
}

async function saveAddress(form) {
  const mailingAddress = form.elements.namedItem('mailingAddress').value;
  try {
    await fetch('/api/account/address', { method: 'PUT', body: JSON.stringify({ mailingAddress }) });
    // quiet [rollbar] an info line with no data
    rollbar.info('address saved');
  } catch (err) {
    // expect: mt/personal-data-to-third-party postal-address [rollbar] the address in the error report through the Shared alias
    rollbar.error('address save failed', err, { mailingAddress });
  }
}

loadAccount().then(() => {
  document.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    void saveAddress(e.target);
  });
});
