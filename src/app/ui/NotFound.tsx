import { t } from '../i18n/i18n';
import { Header } from './Header';

/** The app's pages: everything is one page at "/" (tabs are state, not paths). */
export const isKnownPath = (path: string) => path === '/' || path === '/index.html';

/** An unknown address: the app's own page in the user's language, with a way home. */
export function NotFound() {
  return (
    <>
      <a class="skip-link" href="#main">{t('skip.toMain')}</a>
      <Header />
      <main id="main" tabIndex={-1}>
        <section class="panel not-found" data-testid="not-found" aria-labelledby="not-found-title">
          <h2 id="not-found-title">{t('notFound.title')}</h2>
          <p>{t('notFound.text')}</p>
          <a class="button primary" href="/">{t('notFound.home')}</a>
        </section>
      </main>
    </>
  );
}
