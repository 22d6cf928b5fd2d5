import posthog from 'posthog-js';
import { browser } from '$app/environment';

if (browser) posthog.init('phc_svk_81', { api_host: 'https://us.i.posthog.com', person_profiles: 'identified_only' });

export const ph = posthog;
