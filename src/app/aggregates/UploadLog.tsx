/**
 * "Sent from this device" on the Privacy page: every anonymous upload, queued or sent, with the
 * exact request body, and the receiving server's stated jurisdiction.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { intlLocale, t, type MessageKey } from '../i18n/i18n';
import type { StoredUpload } from '../storage/db';
import { knownTeamNames } from '../teams/state';
import { useModels } from '../models';
import { allTokens, allUploads } from './store';
import { CONTRIBUTIONS_URL, checkEndpoint, endpointCheck } from './uploads';

const time = (ms: number) => new Date(ms).toLocaleString(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });

/** The reason in the user's words; a server code we have no words for reads as a plain refusal, never as the code. */
function errorText(error: string | null): string {
  const key = `uploads.error.${error}` as MessageKey;
  return t(error !== null && t(key) !== undefined ? key : 'uploads.error.other');
}

function stateText(upload: StoredUpload): string {
  switch (upload.state) {
    case 'queued':
      return t('uploads.state.queued', { time: time(upload.dueAt) });
    case 'sent':
      return t('uploads.state.sent', { time: time(upload.lastAttemptAt ?? upload.dueAt) });
    case 'failed':
      return t('uploads.state.failed', { error: errorText(upload.error) });
    case 'expired':
      return t('uploads.state.expired');
  }
}

function EndpointLine(): JSX.Element | null {
  const check = endpointCheck.value;
  if (!check) return null;
  return (
    <p data-testid="upload-endpoint" data-refusal={check.refusal ?? ''}>
      {check.metadata && t('uploads.endpoint', { operator: check.metadata.operator, jurisdiction: check.metadata.jurisdiction, region: check.metadata.region })}{' '}
      {check.refusal === null ? t('uploads.endpointOk') : check.refusal === 'not-eea' ? t('uploads.endpointRefused') : check.refusal === 'relay-key-changed' ? errorText(check.refusal) : t('uploads.endpointUnknown')}
      {check.metadata?.ohttp && <span data-testid="upload-relay"> {t('uploads.relay', { relay: new URL(check.metadata.ohttp.relay).host })}</span>}
    </p>
  );
}

export function UploadLog(): JSX.Element {
  const [uploads, setUploads] = useState<StoredUpload[] | null>(null);
  const [tokenCount, setTokenCount] = useState(0);
  const { aggregates: { uploadsChanged, lastTokenRefresh }, teams } = useModels();
  const changed = uploadsChanged.value;
  useEffect(() => {
    void allUploads().then((list) => setUploads(list.sort((a, b) => (a.day === b.day ? a.team.localeCompare(b.team) : a.day < b.day ? 1 : -1))), () => setUploads([]));
    void allTokens().then((list) => setTokenCount(list.length), () => setTokenCount(0));
  }, [changed]);
  useEffect(() => void checkEndpoint(), []);
  const names = knownTeamNames(teams.teamList.value);

  return (
    <div class="upload-log" data-testid="upload-log">
      <p class="subtle">{t('uploads.explain')}</p>
      <EndpointLine />
      {tokenCount > 0 && <p class="subtle" data-testid="token-count">{t('uploads.tokens', { n: tokenCount })}</p>}
      {lastTokenRefresh.value?.error && <p class="subtle" data-testid="token-error">{t('uploads.tokenError', { reason: lastTokenRefresh.value.error })}</p>}
      {uploads && uploads.length === 0 && <p data-testid="uploads-none">{t('uploads.none')}</p>}
      {uploads && uploads.length > 0 && (
        <ul class="uploads">
          {uploads.map((u) => (
            <li key={u.id} data-testid="upload" data-state={u.state} data-team={u.team} data-day={u.day}>
              <p>
                <strong>{t('uploads.day')} {u.day}</strong> · {t('uploads.team')} {names.get(u.team) ?? u.team} · <span data-testid="upload-state">{stateText(u)}</span>
              </p>
              {u.state === 'queued' && u.error && u.lastAttemptAt && <p class="subtle">{t('uploads.lastError', { time: time(u.lastAttemptAt), error: errorText(u.error) })}</p>}
              <details>
                <summary>{t('uploads.request')}: POST {CONTRIBUTIONS_URL}</summary>
                <p class="subtle">{t('uploads.requestHeaders')}</p>
                <pre data-testid="upload-body">{u.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
