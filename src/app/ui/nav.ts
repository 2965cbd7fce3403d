/** Which tab is shown: it survives reloads and the sign-in redirect (per tab); a reminder's "Start now" opens Play. */
import { computed, createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { readStored, store } from '../storage/web-storage';

export type View = 'play' | 'history' | 'teams' | 'privacy';
export const VIEWS: readonly View[] = ['play', 'history', 'teams', 'privacy'];
const VIEW_KEY = 'microbreak.view';

/** An invite link opens Teams. */
function initialView(): View {
  if (new URLSearchParams(location.search).has('join')) return 'teams';
  const saved = readStored(VIEW_KEY, 'session') as View | null;
  return saved && VIEWS.includes(saved) ? saved : 'play';
}

export const NavModel = createModel((breakRequest: ReadonlySignal<number>) => {
  const view = signal<View>(initialView());
  const handled = signal(0);
  /** A break asked for (banner or notification) that the Play view has not started yet. */
  const breakPending = computed(() => breakRequest.value > handled.value);
  effect(() => {
    if (breakPending.value) view.value = 'play';
  });
  effect(() => store(VIEW_KEY, view.value, 'session'));
  return {
    view,
    breakPending,
    show(next: View): void {
      view.value = next;
    },
    /** The Play view starts the asked-for break. */
    takeBreak(): void {
      handled.value = breakRequest.value;
    },
  };
});
export type NavModel = InstanceType<typeof NavModel>;
