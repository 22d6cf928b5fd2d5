// The Google tag snippet, as pasted from the admin console.
declare global {
  interface Window {
    dataLayer: unknown[];
  }
}

window.dataLayer = window.dataLayer || [];
function gtag(..._args: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  window.dataLayer.push(arguments);
}
gtag('js', new Date());
gtag('config', import.meta.env.VITE_GA_ID, { send_page_view: false });

export function setAnalyticsUser(user: { id: string; email: string; phone?: string }) {
  // quiet [google-tag] the user id only
  gtag('config', import.meta.env.VITE_GA_ID, { user_id: user.id });
  // expect: mt/personal-data-to-third-party email,phone [google-tag] user-provided data through the snippet's own gtag function
  gtag('set', 'user_data', { email: user.email, phone_number: user.phone });
}

export function pushFormStart(formId: string) {
  // quiet [google-tag] a form id
  window.dataLayer.push({ event: 'form_start', form_id: formId });
}

export function pushLead(lead: { email: string; company: string; interest: string }) {
  // expect: mt/personal-data-to-third-party email [google-tag] the lead's address in the data layer
  window.dataLayer.push({ event: 'generate_lead', lead_email: lead.email, interest: lead.interest });
}
