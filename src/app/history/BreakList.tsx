/**
 * "Your breaks" with a correction per break: edit the count in the game's own unit and the active
 * time (within what the game could have produced, core/play/correction), or delete it after a
 * confirmation. A modal <dialog> keeps focus inside; focus returns to the row (or, after a
 * delete, to the list's heading) and the outcome is announced.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { workDone } from '../../core/play';
import { correctionLimits, measuredOf, type CorrectionProblem } from '../../core/play/correction';
import { formatNumber, t, type MessageKey } from '../i18n/i18n';
import type { StoredSession } from '../storage/db';
import { sentForDay } from '../aggregates/corrections';
import { changeBreak } from './corrections';
import './history.css';

interface Props { breaks: StoredSession[]; lang: string; today: string; onChanged: () => Promise<void> }

function dateLabel(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function whenText(session: StoredSession, lang: string, today: string): string {
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(session.startedAt));
  return `${session.date === today ? t('history.today') : dateLabel(session.date, lang)} ${time}`;
}

const workText = (unit: string, value: number) => (unit === 'holdSeconds' ? t('summary.seconds', { n: value }) : formatNumber(value));

type Open = { mode: 'edit' | 'delete'; session: StoredSession };

export function BreakList({ breaks, lang, today, onChanged }: Props): JSX.Element {
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const close = (outcome: 'cancel' | 'saved' | 'deleted', id: string, mode: Open['mode']) => {
    setOpen(null);
    if (outcome === 'deleted') setStatus(t('history.deleted'));
    if (outcome === 'saved') setStatus(t('history.saved'));
    // Back where the person was: the same button of the row, or the heading once the row is gone.
    requestAnimationFrame(() => {
      const button = list.current?.querySelector<HTMLButtonElement>(`[data-break-id="${CSS.escape(id)}"] [data-action=${mode}]`);
      (button ?? heading.current)?.focus();
    });
  };

  return (
    <>
      <h3 ref={heading} tabIndex={-1} id="breaks-title">{t('history.breaks')}</h3>
      <p class="visually-hidden" role="status" data-testid="break-status">{status}</p>
      {breaks.length === 0 ? <p class="subtle">{t('history.noBreaks')}</p> : (
        <ul class="break-list" data-testid="break-list" ref={list} aria-labelledby="breaks-title">
          {breaks.map((session) => {
            const work = workDone(session);
            const when = whenText(session, lang, today);
            const game = t(`game.${session.game}.name` as MessageKey);
            return (
              <li key={session.id} class="break-row" data-testid="break-row" data-break-id={session.id} data-corrected={session.corrected ? 'yes' : 'no'}>
                <span class="when">{when}</span>
                <strong>{game}</strong>
                <span>
                  {/* The label names the unit ("Seconds held"): the number stands alone, in the user's locale. */}
                  {t(`summary.work.${work.unit}`)}: {formatNumber(work.value)}
                  {session.corrected && <span class="corrected-badge" data-testid="corrected-badge"> · {t('history.corrected')}</span>}
                </span>
                <span class="subtle">{t('history.played', { n: Math.round(session.durationSeconds) })}</span>
                <span class="break-actions">
                  <button type="button" class="link-button" data-action="edit" data-testid="break-edit" aria-label={t('history.editLabel', { game, when })} onClick={() => setOpen({ mode: 'edit', session })}>
                    {t('history.edit')}
                  </button>
                  <button type="button" class="link-button" data-action="delete" data-testid="break-delete" aria-label={t('history.deleteLabel', { game, when })} onClick={() => setOpen({ mode: 'delete', session })}>
                    {t('history.delete')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {open && (
        <BreakDialog
          key={`${open.mode}-${open.session.id}`}
          open={open}
          when={whenText(open.session, lang, today)}
          onDone={async (outcome) => {
            if (outcome !== 'cancel') await onChanged();
            close(outcome, open.session.id, open.mode);
          }}
        />
      )}
    </>
  );
}

const PROBLEM_TEXT: Record<CorrectionProblem, 'count' | 'active'> = {
  'count-not-a-number': 'count', 'count-too-low': 'count', 'count-too-high': 'count',
  'active-not-a-number': 'active', 'active-too-low': 'active', 'active-too-high': 'active',
};

function BreakDialog({ open, when, onDone }: { open: Open; when: string; onDone: (outcome: 'cancel' | 'saved' | 'deleted') => Promise<void> }): JSX.Element {
  const { mode, session } = open;
  const dialog = useRef<HTMLDialogElement>(null);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<'count' | 'active' | 'failed' | 'gone' | null>(null);
  const [working, setWorking] = useState(false);
  const limits = correctionLimits(session);
  const work = workDone(session);
  const measured = workDone({ ...measuredOf(session), game: session.game, durationSeconds: session.durationSeconds });
  const game = t(`game.${session.game}.name` as MessageKey);

  useEffect(() => {
    dialog.current?.showModal();
    sentForDay(session.date).then(setSent, () => setSent(false));
  }, []);

  const finished = useRef(false);
  const finish = async (outcome: 'cancel' | 'saved' | 'deleted') => {
    if (finished.current) return;
    finished.current = true;
    dialog.current?.close();
    await onDone(outcome);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (working) return;
    const form = event.currentTarget as HTMLFormElement;
    const input = mode === 'edit'
      ? { count: (form.elements.namedItem('count') as HTMLInputElement).valueAsNumber, activeSeconds: (form.elements.namedItem('active') as HTMLInputElement).valueAsNumber }
      : null;
    setWorking(true);
    try {
      const result = await changeBreak(session, input);
      if (result.ok) return await finish(mode === 'edit' ? 'saved' : 'deleted');
      setProblem(result.problem === 'not-found' ? 'gone' : PROBLEM_TEXT[result.problem.problem]);
    } catch {
      setProblem('failed');
    } finally {
      setWorking(false);
    }
  };

  const countId = `count-${session.id}`;
  const activeId = `active-${session.id}`;
  return (
    <dialog
      ref={dialog}
      class="break-dialog"
      data-testid="break-dialog"
      data-mode={mode}
      aria-labelledby="break-dialog-title"
      aria-describedby="break-dialog-what"
      onCancel={(e) => {
        e.preventDefault();
        void finish('cancel');
      }}
      // The browser may close a modal dialog on its own (Escape pressed twice): that is a cancel too.
      onClose={() => void finish('cancel')}
    >
      <form method="dialog" noValidate onSubmit={(e) => void submit(e)}>
        <h3 id="break-dialog-title">{t(mode === 'edit' ? 'history.edit.title' : 'history.delete.title')}</h3>
        <p id="break-dialog-what" class="subtle">{game} · {when} · {t('history.played', { n: Math.round(session.durationSeconds) })}</p>
        {sent && <p class="notice" data-testid="break-sent">{t('history.edit.sent')}</p>}
        {mode === 'edit' ? (
          <>
            <label for={countId}>{t(`summary.work.${limits.unit}`)}</label>
            <input
              id={countId} name="count" type="number" inputMode={limits.unit === 'holdSeconds' ? 'decimal' : 'numeric'} data-testid="edit-count" autoFocus
              min={limits.count.min} max={limits.count.max} step={limits.count.step} defaultValue={String(work.value)}
              aria-describedby={`${countId}-range`} aria-invalid={problem === 'count'}
            />
            <p id={`${countId}-range`} class="subtle">
              {t('history.edit.range', { min: limits.count.min, max: limits.count.max })}
              {session.corrected && <> {t('history.edit.measured', { value: workText(measured.unit, measured.value) })}</>}
            </p>
            <label for={activeId}>{t('history.edit.active')}</label>
            <input
              id={activeId} name="active" type="number" inputMode="decimal" data-testid="edit-active"
              min={limits.activeSeconds.min} max={limits.activeSeconds.max} step="any" defaultValue={String(session.activeSeconds)}
              aria-describedby={`${activeId}-range`} aria-invalid={problem === 'active'}
            />
            <p id={`${activeId}-range`} class="subtle">{t('history.edit.range', { min: limits.activeSeconds.min, max: limits.activeSeconds.max })}</p>
            <p class="subtle">{t('history.edit.points')}</p>
          </>
        ) : (
          <p>{t('history.delete.text')}</p>
        )}
        {problem && (
          <p class="field-error" role="alert" data-testid="break-problem">
            {problem === 'count' && t('history.edit.invalid', { min: limits.count.min, max: limits.count.max })}
            {problem === 'active' && t('history.edit.invalid', { min: limits.activeSeconds.min, max: limits.activeSeconds.max })}
            {problem === 'failed' && t('history.edit.failed')}
            {problem === 'gone' && t('history.edit.gone')}
          </p>
        )}
        <div class="dialog-buttons">
          <button type="submit" class={mode === 'edit' ? 'primary' : 'danger'} data-testid="break-confirm" disabled={working}>
            {t(mode === 'edit' ? 'history.edit.save' : 'history.delete.yes')}
          </button>
          <button type="button" data-testid="break-cancel" autoFocus={mode === 'delete'} onClick={() => void finish('cancel')}>
            {t('history.edit.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
