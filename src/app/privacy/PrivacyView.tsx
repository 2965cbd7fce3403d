import { useEffect, useState } from 'preact/hooks';
import { UploadLog } from '../aggregates/UploadLog';
import { auth, captureProviderSignOut } from '../auth';
import { api } from '../teams/api';
import { intlLocale, t, tn } from '../i18n/i18n';
import { localDayStart } from '../../core/calendar';
import { ImportError } from '../storage/export-format';
import {
  DEFAULT_RETENTION_MONTHS, eraseEverything, exportAll, importFile, purgeOldHistory, RETENTION_CHOICES, RETENTION_KEY, storedOverview,
  type StoredOverview,
} from '../storage/data-rights';
import { getSetting, setSetting } from '../storage/settings';
import { useModels } from '../models';
import { WhatWhere } from './WhatWhere';

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** What went wrong with an import, in words: the schema path stays in the console for whoever debugs it. */
function importProblem(error: unknown): string {
  console.warn('import failed', error);
  if (error instanceof ImportError) return t(error.path === '(file)' ? 'privacy.importFailed.not-json' : 'privacy.importFailed.invalid');
  return t('privacy.importFailed.storage');
}

export function PrivacyView() {
  const { consent } = useModels();
  const [overview, setOverview] = useState<StoredOverview | null>(null);
  const [retention, setRetention] = useState<number>(DEFAULT_RETENTION_MONTHS);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmingErase, setConfirmingErase] = useState(false);
  const [eraseServer, setEraseServer] = useState(true);
  const signedIn = auth.value.status === 'signed-in' || auth.value.status === 'renew-needed';
  const refresh = () => void storedOverview().then(setOverview, () => setOverview(null));
  useEffect(() => {
    refresh();
    void getSetting<number>(RETENTION_KEY, DEFAULT_RETENTION_MONTHS).then(setRetention);
  }, []);

  const exportData = async () => {
    const data = await exportAll();
    // What the team server holds about the person (right of access), when signed in.
    if (signedIn) {
      try {
        data.server = await api<Record<string, unknown>>('GET', '/api/me/export');
      } catch (error) {
        data.server = null;
        setMessage(t('privacy.exportServerMissing', { reason: reason(error) }));
      }
    }
    download(`microbreak-export-${data.exportedAt.slice(0, 10)}.json`, JSON.stringify(data, null, 2));
  };
  const importData = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await importFile(await file.text());
      // Breaks already here are mentioned only when there are some ("Already here: 0" says nothing).
      setMessage([tn('privacy.imported', result.added), result.alreadyPresent > 0 ? tn('privacy.alreadyHere', result.alreadyPresent) : ''].join(' ').trim());
    } catch (error) {
      setMessage(importProblem(error));
    }
    refresh();
  };
  const changeRetention = async (value: number) => {
    setRetention(value);
    await setSetting(RETENTION_KEY, value);
    const removed = await purgeOldHistory();
    if (removed > 0) setMessage(tn('privacy.purged', removed));
    refresh();
  };
  const erase = async () => {
    if (signedIn && eraseServer) {
      try {
        await api<unknown>('DELETE', '/api/me');
      } catch (error) {
        setMessage(t('privacy.eraseServerFailed', { reason: reason(error) }));
        return;
      }
    }
    // Captured before the wipe (it removes MSAL's cache); ends the provider's session afterwards.
    const endProviderSession = signedIn ? await captureProviderSignOut().catch(() => null) : null;
    try {
      await eraseEverything();
    } catch (error) {
      setMessage(t('privacy.eraseFailed', { reason: reason(error) }));
      return;
    }
    if (endProviderSession) await endProviderSession().catch(() => location.reload());
    else location.reload(); // a first run from here on
  };

  const range = overview?.firstDate && overview.lastDate ? dateRange(overview.firstDate, overview.lastDate) : '';
  return (
    <section class="panel privacy" aria-labelledby="privacy-title" data-testid="privacy">
      <h2 id="privacy-title">{t('privacy.title')}</h2>
      {message && <p class="banner" role="status" data-testid="privacy-message">{message}</p>}

      <h3>{t('privacy.whereTitle')}</h3>
      <WhatWhere />

      <h3>{t('privacy.consentTitle')}</h3>
      <p>{consent.given.value ? t('privacy.consentGiven') : t('privacy.consentNotGiven')}</p>
      {consent.saveFailed.value && (
        <p class="banner" role="alert" data-testid="consent-save-failed">
          {t('privacy.consentSaveFailed')} <button type="button" onClick={consent.retry}>{t('error.retry')}</button>
        </p>
      )}
      {consent.given.value
        ? <button type="button" data-testid="consent-withdraw" onClick={consent.withdraw}>{t('privacy.withdraw')}</button>
        : <button type="button" onClick={consent.give}>{t('privacy.give')}</button>}

      <h3>{t('privacy.storedTitle')}</h3>
      <p data-testid="stored-overview" data-sessions={overview?.sessions ?? 0}>
        {overview && overview.sessions > 0
          ? t('privacy.storedSummary', { breaks: tn('privacy.breaks', overview.sessions), range, bests: tn('privacy.bests', overview.personalBests) })
          : t('privacy.storedNone')}
      </p>
      <div class="actions">
        <button type="button" data-testid="export" onClick={() => void exportData()}>{t('privacy.export')}</button>
        <label class="file-button">
          {t('privacy.import')}
          <input type="file" accept="application/json,.json" data-testid="import" onChange={(e) => void importData((e.currentTarget as HTMLInputElement).files?.[0])} />
        </label>
      </div>
      <p class="subtle">{t('privacy.exportHelp')}</p>

      <div class="options">
      <label>
        {t('privacy.retentionTitle')}
        <select value={String(retention)} data-testid="retention" onChange={(e) => void changeRetention(Number((e.currentTarget as HTMLSelectElement).value))}>
          {RETENTION_CHOICES.map((m) => <option key={m} value={String(m)}>{tn('privacy.months', m)}</option>)}
        </select>
      </label>
      </div>
      <p class="subtle">{t('privacy.retentionHelp')}</p>

      <h3>{t('privacy.uploadsTitle')}</h3>
      <UploadLog />

      <h3>{t('privacy.eraseTitle')}</h3>
      <p class="subtle">{t('privacy.eraseHelp')}</p>
      {confirmingErase ? (
        <div class="confirm" role="alertdialog" aria-labelledby="erase-confirm">
          <p id="erase-confirm">{t('privacy.eraseConfirm')}</p>
          {signedIn && (
            <>
              <label class="checkbox">
                <input type="checkbox" data-testid="erase-server" checked={eraseServer} onChange={(e) => setEraseServer((e.currentTarget as HTMLInputElement).checked)} />
                {t('privacy.eraseServer')}
              </label>
              <p class="subtle">{t('privacy.eraseSignsOut')}</p>
            </>
          )}
          <div class="actions">
            <button type="button" class="danger" data-testid="erase-confirm" onClick={() => void erase()}>{t('privacy.eraseYes')}</button>
            <button type="button" onClick={() => setConfirmingErase(false)}>{t('privacy.cancel')}</button>
          </div>
        </div>
      ) : (
        <button type="button" class="danger" data-testid="erase" onClick={() => setConfirmingErase(true)}>{t('privacy.erase')}</button>
      )}
    </section>
  );
}

/** "16–28 Nov 2026" in the user's language, from local calendar dates (YYYY-MM-DD). */
function dateRange(first: string, last: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).formatRange(localDayStart(first), localDayStart(last));
}
