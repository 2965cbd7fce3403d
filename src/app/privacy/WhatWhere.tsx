import { t } from '../i18n/i18n';

/** The plain explanation of what is processed where, shared by the consent panel and the privacy page. */
export function WhatWhere() {
  return (
    <ul class="what-where">
      <li>{t('consent.video')}</li>
      <li>{t('consent.keypoints')}</li>
      <li>{t('consent.when')}</li>
      <li>{t('consent.history')}</li>
    </ul>
  );
}
