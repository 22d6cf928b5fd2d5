import { PostHog } from 'posthog-node';

let client: PostHog | undefined;

/** Lazily created server-side PostHog client. */
export function getPostHog(): PostHog {
  if (!client) client = new PostHog(process.env.POSTHOG_KEY!, { host: 'https://us.i.posthog.com', flushAt: 1, flushInterval: 0 });
  return client;
}
