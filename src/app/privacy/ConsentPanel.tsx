import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { useModels } from '../models';
import { WhatWhere } from './WhatWhere';

/** First run: an explicit choice before the camera is ever requested. */
export function ConsentPanel() {
  const { consent } = useModels();
  const [declined, setDeclined] = useState(false);
  return (
    <section class="panel consent" aria-labelledby="consent-title" data-testid="consent">
      <h2 id="consent-title">{t('consent.title')}</h2>
      <WhatWhere />
      <p class="subtle">{t('consent.revocable')}</p>
      {declined && <p role="status" data-testid="consent-declined">{t('consent.declined')}</p>}
      <div class="actions">
        <button type="button" class="primary" data-testid="consent-accept" onClick={consent.give}>{t('consent.accept')}</button>
        {!declined && <button type="button" data-testid="consent-decline" onClick={() => setDeclined(true)}>{t('consent.decline')}</button>}
      </div>
    </section>
  );
}
