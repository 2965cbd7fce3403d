import { GAME_IDS, GAMES } from '../../core/games';
import { MIN_BREAK_SECONDS } from '../../core/play';
import { t } from '../i18n/i18n';
import { DemoFigure } from './DemoFigure';

/**
 * First run: what the product is (the games, what a break looks like), shown above the camera
 * consent so the user knows what they agree to before any camera request.
 */
export function Welcome() {
  return (
    <section class="panel welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p class="welcome-lead">{t('welcome.lead')}</p>
      <ol class="welcome-steps">
        <li><strong>{t('welcome.step1.title')}</strong> {t('welcome.step1')}</li>
        <li><strong>{t('welcome.step2.title')}</strong> {t('welcome.step2')}</li>
        <li><strong>{t('welcome.step3.title')}</strong> {t('welcome.step3', { min: MIN_BREAK_SECONDS })}</li>
      </ol>
      <h3>{t('welcome.games')}</h3>
      <ul class="welcome-games" data-testid="welcome-games">
        {GAME_IDS.map((id) => (
          <li key={id}>
            <strong>{t(`game.${id}.name`)}</strong>
            <DemoFigure game={id} />
            <span class={GAMES[id].seatedFriendly ? 'badge seated' : 'badge'}>{GAMES[id].seatedFriendly ? t('picker.seated') : t('picker.standing')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
