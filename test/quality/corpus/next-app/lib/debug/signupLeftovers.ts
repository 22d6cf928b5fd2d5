// Debugging left behind in the signup flow: the console, the page's storage and the analytics SDK are named
// only in comments, so nothing is logged, stored or sent. The scan parses this file and evaluates nothing.
// import posthog from 'posthog-js';

export function signupSummary(user: { id: string; email: string; phone: string }): string {
  // quiet [console] a log line commented out
  // console.log('signup', user.email, user.phone);
  // quiet [web-storage] a store commented out
  /* localStorage.setItem('signupEmail', user.email); */
  // quiet [posthog] an analytics call commented out
  // posthog.capture('signup', { email: user.email });
  return `${user.id}:${user.email.length}`;
}
