// The Intercom page snippet, booted with the signed-in user.
export function bootSupport(currentUser) {
  // Flagged: name, email and phone go to Intercom.
  window.Intercom('boot', {
    app_id: 'abc123',
    user_id: currentUser.id,
    name: currentUser.name,
    email: currentUser.email,
    phone: currentUser.phone,
  });
}

export function showMessenger() {
  // Not flagged: no personal data.
  window.Intercom('show');
}
