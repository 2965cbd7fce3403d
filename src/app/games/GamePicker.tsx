import type { ComponentChildren } from 'preact';
import { GAME_IDS, GAMES, type GameId } from '../../core/games';
import { workUnit } from '../../core/play';
import type { PersonalBest } from '../storage/db';
import { devOptions } from '../dev-options';
import { DemoFigure } from './DemoFigure';
import { t } from '../i18n/i18n';
import { useModels } from '../models';

export interface PickerChoice { game: GameId; minutes: number; recordTrace: boolean }

export const PLAY_MINUTES = [1, 2, 3] as const;

export function GamePicker({ choice, onChange, onPlay, children, bests, suggested }: {
  choice: PickerChoice;
  /** Personal best per game (shown on its card) and the suggested next game. */
  bests?: Map<GameId, PersonalBest>;
  suggested?: GameId;
  onChange: (choice: PickerChoice) => void;
  onPlay: () => void;
  /** Extra options (the camera choice) shown above the play button. */
  children?: ComponentChildren;
}) {
  const { sound } = useModels();
  return (
    <section class="panel" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('picker.title')}</h2>
      <div class="game-list" role="radiogroup" aria-labelledby="picker-title">
        {GAME_IDS.map((id) => {
          const selected = choice.game === id;
          return (
            <button
              key={id}
              type="button"
              role="radio"
              aria-checked={selected}
              class={selected ? 'game-card selected' : 'game-card'}
              data-testid={`game-${id}`}
              onClick={() => onChange({ ...choice, game: id })}
            >
              <strong>{t(`game.${id}.name`)}</strong>
              <DemoFigure game={id} />
              <span class={GAMES[id].seatedFriendly ? 'badge seated' : 'badge'}>
                {GAMES[id].seatedFriendly ? t('picker.seated') : t('picker.standing')}
              </span>
              {bests?.get(id) && <span class="badge best-badge" data-testid={`best-${id}`}>{t(`picker.best.${workUnit(id)}`, { n: bests.get(id)!.reps })}</span>}
              {suggested === id && <span class="badge suggested-badge">{t('picker.suggested')}</span>}
            </button>
          );
        })}
      </div>
      <p class="instructions" data-testid="instructions">{t(`game.${choice.game}.instructions`)}</p>
      <div class="options">
        <label>
          {t('picker.length')}
          <select
            value={String(choice.minutes)}
            onChange={(e) => onChange({ ...choice, minutes: Number((e.currentTarget as HTMLSelectElement).value) })}
          >
            {PLAY_MINUTES.map((m) => <option key={m} value={String(m)}>{t('picker.minutes', { n: m })}</option>)}
          </select>
        </label>
        <label class="checkbox">
          <input type="checkbox" data-testid="sound" checked={sound.on.value} onChange={(e) => void sound.set((e.currentTarget as HTMLInputElement).checked).catch(() => undefined)} />
          {t('picker.sound')}
        </label>
        {devOptions.developer && (
          <label class="checkbox">
            <input
              type="checkbox"
              checked={choice.recordTrace}
              onChange={(e) => onChange({ ...choice, recordTrace: (e.currentTarget as HTMLInputElement).checked })}
            />
            {t('picker.record')}
          </label>
        )}
      </div>
      {children}
      <p class="privacy-note">{t('start.privacy')}</p>
      <button type="button" class="primary" data-testid="start" onClick={onPlay}>
        {t('picker.play')}: {t(`game.${choice.game}.name`)}
      </button>
    </section>
  );
}
