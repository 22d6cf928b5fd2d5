import { customRef } from 'vue';
import { track, trigger } from '@vue/reactivity';

/** A ref that debounces writes: Vue's own dependency tracking, not an analytics call. */
export function useDebouncedRef<T>(value: T, delay = 200) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const state = { value };
  return customRef(() => ({
    get() {
      // quiet [vercel-analytics] @vue/reactivity's track() registers a dependency
      track(state, 'get' as never, 'value');
      return state.value;
    },
    set(next: T) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.value = next;
        trigger(state, 'set' as never, 'value');
      }, delay);
    },
  }));
}
