// A stub of the SDK's types, so VS Code's own TypeScript checker has nothing to report in this workspace
// and the only squiggle is Montana PII Guard's.
declare module '@segment/analytics-next' {
  export interface Analytics {
    identify(userId: string, traits?: Record<string, unknown>): void;
    track(event: string, properties?: Record<string, unknown>): void;
  }
  export const AnalyticsBrowser: { load(settings: { writeKey: string }): Analytics };
}
