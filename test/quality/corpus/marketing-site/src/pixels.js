/* Landing-page conversion tags, loaded after the consent banner. */
/* mt-pii-ignore-file mt/ad-tracking-without-opt-out-check -- loaded only after the consent banner, whose opt-out check is outside this file */

function onLeadFormSubmit(form) {
  var data = new FormData(form);
  var email = data.get('email');
  var phone = data.get('phone');
  var company = data.get('company');

  // expect: mt/personal-data-to-third-party email [reddit-pixel] advanced matching with the lead's address
  rdt('init', 'a2_abc123', { email: email, optOut: false, useDecimalCurrencyValues: true });
  // quiet [reddit-pixel] a lead event without identifiers
  rdt('track', 'Lead');
  // expect: mt/personal-data-to-third-party email,phone [snap-pixel] Snap user matching
  snaptr('init', 'snap-pixel-id', { user_email: email, user_phone_number: phone });
  // quiet [snap-pixel] sign-up event with the company size bucket
  snaptr('track', 'SIGN_UP', { item_category: company ? 'business' : 'personal' });
  // expect: mt/personal-data-to-third-party email [pinterest-tag] Pinterest enhanced match
  pintrk('load', '2612345678901', { em: email });
  // quiet [pinterest-tag] a page visit
  pintrk('page');
  // quiet [linkedin-insight] a conversion id
  window.lintrk('track', { conversion_id: 1234567 });
  // expect: mt/personal-data-to-third-party email [x-pixel] X conversion with the email parameter
  twq('event', 'tw-abc12-def34', { email_address: email });
}

function onNewsletter(emailInput) {
  // expect: mt/personal-data-to-third-party email [meta-pixel] the value of an input named for the data
  fbq('init', '1234567890', { em: emailInput.value.trim().toLowerCase() });
  // quiet [microsoft-clarity] a custom tag with the page section
  clarity('set', 'section', 'newsletter');
}

function onChatOpen(visitor) {
  // expect: mt/personal-data-to-third-party email,name [tawk-to] Tawk.to visitor attributes
  Tawk_API.setAttributes({ name: visitor.name, email: visitor.email, hash: visitor.hmac }, function () {});
  // quiet [tawk-to] a tag list
  Tawk_API.addTags(['pricing-page'], function () {});
  // expect: mt/personal-data-to-third-party email [olark] Olark visitor email
  olark('api.visitor.updateEmailAddress', { emailAddress: visitor.email });
  // quiet [olark] expanding the chat box
  olark('api.box.expand');
}

document.getElementById('lead-form').addEventListener('submit', function (e) {
  e.preventDefault();
  onLeadFormSubmit(e.target);
});
