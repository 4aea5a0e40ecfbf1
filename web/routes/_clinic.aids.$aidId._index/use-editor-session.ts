import { useFetcher, useSearchParams } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { AidContent } from '#shared/aid';
import { fieldName, formValuesToInput, readAidForm, type AidFormValues } from '#shared/aid-form';
import type { Aid } from '#shared/aids';
import { runChecks, type AidChecksResult } from '#shared/checks';
import type { MeasuredText } from '#shared/readability';
import type { EditorResult } from './editor.server';

/** The checks of what the form holds, or null while a field is not valid yet. */
export function checksFor(values: AidFormValues): AidChecksResult | null {
  const parsed = AidContent.safeParse(formValuesToInput(values));
  return parsed.success ? runChecks(parsed.data) : null;
}

type StatusKind =
  'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed' | 'signed-out';

const AUTOSAVE_DELAY_MS = 1500;
const RETRY_DELAY_MS = 6000;
const CHECK_DELAY_MS = 250;
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * The editor's life with JavaScript: live checks as the author types, and
 * autosave a moment after they stop. Saves go one at a time, each based on the
 * revision this author's previous save produced; when someone else saved
 * first, autosave stops and the author chooses. Without JavaScript none of
 * this runs, and the form's buttons do the same work.
 */
export function useEditorSession({
  formRef,
  aid,
  result,
  initialValues,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  aid: Aid;
  result: EditorResult | undefined;
  initialValues: AidFormValues;
}) {
  const [search] = useSearchParams();
  // A reload (the author chose the saved version) starts afresh, without the old answers.
  const fetcher = useFetcher<EditorResult>({
    key: `autosave-${aid.id}-${search.get('reload') ?? ''}`,
  });
  // Answers come from autosave (the fetcher) or from a button (the page's action);
  // whichever was sent last is the one that counts.
  const [lastSent, setLastSent] = useState<'autosave' | 'button'>('button');
  const autosave = fetcher.data;
  const latest = lastSent === 'autosave' ? autosave : result;

  // The base revision moves only with this author's own saves: an autosave, or the
  // `saved` of a button's redirect. Never with a reload of the page data, which may
  // hold someone else's newer save that the form does not show: that must end in a conflict.
  const [firstRevision] = useState(aid.revision);
  const savedHere = Number(search.get('saved') ?? 0);
  const candidate = latest?.kind === 'conflict' ? latest : undefined;
  // Saving after the conflict notice (a deliberate choice) resolves it.
  const conflict = candidate && savedHere <= candidate.current.revision ? candidate : undefined;
  // During a conflict the form stays based on the author's own revision, so that
  // every button but "Save my version instead of theirs" is refused, not applied.
  const revision = conflict
    ? conflict.baseRevision
    : Math.max(firstRevision, savedHere, autosave?.kind === 'saved' ? autosave.revision : 0);

  const revisionRef = useRef(revision);
  const dirtyRef = useRef(false);
  const saveTimer = useRef<number | undefined>(undefined);
  const checkTimer = useRef<number | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [liveValues, setLiveValues] = useState<AidFormValues | null>(null);
  const [liveChecks, setLiveChecks] = useState<AidChecksResult | null>(null);
  useEffect(() => {
    revisionRef.current = revision;
  }, [revision]);

  const { submit } = fetcher;
  const flush = useCallback(() => {
    const form = formRef.current;
    if (!form || !dirtyRef.current) return;
    const data = new FormData(form);
    data.set('intent', 'save');
    data.set('autosave', '1');
    data.set('revision', String(revisionRef.current));
    dirtyRef.current = false;
    setDirty(false);
    setLastSent('autosave');
    void submit(data, { method: 'post' });
  }, [formRef, submit]);

  /** A button sends the whole form: it saves everything typed so far. */
  const onSubmit = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    dirtyRef.current = false;
    setDirty(false);
    setLastSent('button');
  }, []);

  const saving = fetcher.state !== 'idle';
  // Changes made during a save go in the next one, once this one has answered.
  useEffect(() => {
    if (saving || !dirtyRef.current || conflict) return;
    const timer = window.setTimeout(flush, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [saving, conflict, flush]);
  // A save that failed on the server side is tried again.
  useEffect(() => {
    if (lastSent !== 'autosave' || autosave?.kind !== 'failed') return;
    const timer = window.setTimeout(() => {
      dirtyRef.current = true;
      flush();
    }, RETRY_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [autosave, lastSent, flush]);

  const onChange = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const form = event.currentTarget;
      window.clearTimeout(checkTimer.current);
      checkTimer.current = window.setTimeout(() => {
        const values = readAidForm(new FormData(form));
        setLiveValues(values);
        const checks = checksFor(values);
        if (checks) setLiveChecks(checks);
      }, CHECK_DELAY_MS);
      if (conflict) return; // never save over someone else's work without the author choosing to
      dirtyRef.current = true;
      setDirty(true);
      window.clearTimeout(saveTimer.current);
      if (!saving) saveTimer.current = window.setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [conflict, flush, saving],
  );

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(saveTimer.current);
      window.clearTimeout(checkTimer.current);
    };
  }, []);

  const status: { kind: StatusKind; text: string } = conflict
    ? {
        kind: 'conflict',
        text: 'Not saved: someone else saved a newer version. See the message above.',
      }
    : saving
      ? { kind: 'saving', text: 'Saving…' }
      : dirty
        ? { kind: 'pending', text: 'Unsaved changes…' }
        : latest?.kind === 'invalid'
          ? { kind: 'invalid', text: 'Not saved: some fields need attention (marked in red).' }
          : latest?.kind === 'signed-out'
            ? {
                kind: 'signed-out',
                text: 'Not saved: your session has ended. Sign in again in a new tab (your text stays here), then press Save.',
              }
            : latest?.kind === 'failed'
              ? {
                  kind: 'failed',
                  text: 'Not saved: the connection failed. Your text is still here; trying again…',
                }
              : latest?.kind === 'saved'
                ? {
                    kind: 'saved',
                    text: `All changes saved at ${timeFormat.format(new Date(latest.savedAt))}.`,
                  }
                : savedHere
                  ? { kind: 'saved', text: 'Saved.' }
                  : { kind: 'idle', text: 'No unsaved changes.' };

  const errors = latest?.kind === 'invalid' ? latest.errors : {};

  return {
    revision,
    status,
    errors,
    conflict,
    conflictValues: conflict?.values ?? initialValues,
    liveValues,
    checks: liveChecks,
    onChange,
    onSubmit,
    /** Reading level of each patient-facing text, by field name. */
    grades: (checks: AidChecksResult) =>
      new Map<string, MeasuredText>(
        checks.readability.texts.map((text) => [fieldName(text.pointer), text]),
      ),
  };
}
