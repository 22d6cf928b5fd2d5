/** Injection tokens for the SDK clients the app module provides. */
export const POSTHOG = Symbol('POSTHOG');
export const STRIPE = 'STRIPE_CLIENT';
