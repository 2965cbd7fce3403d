import { RulesGame, type Rules } from './engine';
import { armRaisesMeta, armRaisesRules } from './arm-raises';
import { jumpingJacksMeta, jumpingJacksRules } from './jumping-jacks';
import { reachMeta, reachRules } from './reach';
import { sideBendMeta, sideBendRules } from './side-bend';
import { squatsMeta, squatsRules } from './squats';
import type { Game, GameId, GameMeta, GameOptions } from './types';

export * from './types';
export { CALIBRATION_MS } from './engine';
export { reachTargetAt, REACH_RADIUS, REACH_NEXT_DELAY_MS, REACH_TIMEOUT_MS } from './reach';
export { BEND_ENTER_DEG, BEND_EXIT_DEG, HOLD_TARGET_MS } from './side-bend';
export { mulberry32 } from './prng';
export { boxInFrame, MAX_REACH, placeTarget, stageFit, toScreen, visibleArea, type Rect } from './view';

/** Static metadata of every game, in menu order. */
export const GAMES: Readonly<Record<GameId, GameMeta>> = {
  squats: squatsMeta,
  'jumping-jacks': jumpingJacksMeta,
  'arm-raises': armRaisesMeta,
  reach: reachMeta,
  'side-bend': sideBendMeta,
};

const RULES: Record<GameId, (seed: number, options: GameOptions) => Rules> = {
  squats: () => squatsRules(),
  'jumping-jacks': () => jumpingJacksRules(),
  'arm-raises': () => armRaisesRules(),
  reach: (seed, options) => reachRules(seed, options.view),
  'side-bend': () => sideBendRules(),
};

/** A fresh game state machine; feed it every frame (kp null when no person) in time order. */
export function createGame(id: GameId, options: GameOptions): Game {
  const meta = GAMES[id];
  if (!meta) throw new Error(`unknown game id "${id}"`);
  return new RulesGame(meta, RULES[id](options.seed ?? 1, options), options);
}
