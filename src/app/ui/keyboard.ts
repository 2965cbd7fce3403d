/**
 * Keyboard behaviour that works across screens, in one place: arrow keys inside any radio group
 * (the game cards) and Escape to stop a running game.
 */
import type { LiveModel } from '../live/live';

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** WAI-ARIA radio group pattern: arrows move focus and selection, wrapping; Home/End jump to the ends. */
export function radioGroupArrows(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  const group = target?.closest?.('[role=radiogroup]');
  if (!target || !group || target.getAttribute('role') !== 'radio') return;
  const radios = [...group.querySelectorAll<HTMLElement>('[role=radio]:not([disabled])')];
  const index = radios.indexOf(target);
  if (index < 0) return;
  let next: number;
  if (event.key in NEXT) next = (index + NEXT[event.key] + radios.length) % radios.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = radios.length - 1;
  else return;
  event.preventDefault();
  radios[next].focus();
  radios[next].click();
}

export function installKeyboard(live: LiveModel): void {
  document.addEventListener('keydown', radioGroupArrows);
  // Escape stops a game (the same as the Stop button), from anywhere on the page.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (live.status.value !== 'live' && live.status.value !== 'starting') return;
    event.preventDefault();
    live.stop('stopped');
  });
}
