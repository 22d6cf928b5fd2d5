import PostHog from 'posthog-react-native';

let instance: PostHog | null = null;

/** The app's one PostHog client, created on first use. */
export function posthog(): PostHog {
  if (!instance) instance = new PostHog('phc_rn_3x9', { host: 'https://us.i.posthog.com' });
  return instance;
}
