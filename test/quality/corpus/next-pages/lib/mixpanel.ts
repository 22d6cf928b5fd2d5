import mixpanel from 'mixpanel-browser';

let ready = false;

export function initMixpanel() {
  if (ready || typeof window === 'undefined') return;
  mixpanel.init(process.env.NEXT_PUBLIC_MIXPANEL_TOKEN as string, { debug: process.env.NODE_ENV !== 'production' });
  ready = true;
}

export const Mixpanel = {
  identify: (id: string) => mixpanel.identify(id),
  alias: (id: string) => mixpanel.alias(id),
  track: (name: string, props: Record<string, unknown> = {}) => mixpanel.track(name, props),
  people: {
    set: (props: Record<string, unknown>) => mixpanel.people.set(props),
  },
  reset: () => mixpanel.reset(),
};
