import { useFetcher, useSearchParams } from '@remix-run/react';
import { useCallback, useEffect, useReducer, useRef, type FormEvent, type RefObject } from 'react';
import type { Aid } from '#shared/aid/aids';
import {
  editorSession,
  hasUnsavedWork,
  shouldAutosave,
  startSession,
  statusText,
  type EditorAnswer,
} from './editor-session';

const AUTOSAVE_DELAY_MS = 1500;
const RETRY_DELAY_MS = 6000;

/**
 * The editor's life with JavaScript, wired to the page: autosave a moment
 * after typing stops, through a fetcher, one save at a time; answers from
 * autosave and from the buttons go to the session's reducer
 * (editor-session.ts), which decides everything else. Without JavaScript
 * none of this runs, and the form's buttons do the same work.
 */
export function useEditorSession({
  formRef,
  aid,
  answer,
}: {
  formRef: RefObject<HTMLFormElement>;
  aid: Aid;
  /** A button's answer (the page's action data). */
  answer: EditorAnswer | undefined;
}) {
  const [search] = useSearchParams();
  const [state, dispatch] = useReducer(
    editorSession,
    { revision: aid.revision, saved: search.has('saved'), answer },
    startSession,
  );
  // A reload (the author chose the saved version) or a button's redirect starts afresh.
  const fetcher = useFetcher<EditorAnswer>({
    key: `autosave-${aid.id}-${search.get('reload') ?? ''}-${search.get('saved') ?? ''}`,
  });

  // A button's answer, once; the one the page was rendered with is already in the session.
  const seenAnswer = useRef(answer);
  useEffect(() => {
    if (!answer || answer === seenAnswer.current) return;
    seenAnswer.current = answer;
    dispatch({ type: 'button-answered', answer });
  }, [answer]);

  // An autosave's answer, once it is done; no answer at all (a network failure) is a failure.
  const seenAutosave = useRef(fetcher.data);
  const autosaving = useRef(false);
  useEffect(() => {
    if (fetcher.state !== 'idle') {
      autosaving.current = true;
      return;
    }
    if (!autosaving.current) return;
    autosaving.current = false;
    const data = fetcher.data !== seenAutosave.current ? fetcher.data : undefined;
    seenAutosave.current = fetcher.data;
    dispatch({ type: 'autosave-answered', answer: data ?? { kind: 'failed' } });
  }, [fetcher.state, fetcher.data]);

  // Autosave after a pause in typing (each change starts the wait again).
  const { submit } = fetcher;
  const autosave = shouldAutosave(state);
  useEffect(() => {
    if (!autosave) return;
    const timer = window.setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const body = new FormData(form);
      body.set('intent', 'save');
      body.set('autosave', '1');
      body.set('revision', String(state.base));
      dispatch({ type: 'autosave-sent' });
      void submit(body, { method: 'post' });
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [autosave, state.edits, state.base, formRef, submit]);

  // A save that failed on the server side is tried again.
  useEffect(() => {
    if (state.status !== 'failed') return;
    const timer = window.setTimeout(() => dispatch({ type: 'retry' }), RETRY_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [state.status]);

  // Leaving with unsaved work asks first.
  const unsaved = useRef(false);
  const hasUnsaved = hasUnsavedWork(state);
  useEffect(() => {
    unsaved.current = hasUnsaved;
  }, [hasUnsaved]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (unsaved.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const onChange = useCallback(() => dispatch({ type: 'typed' }), []);
  /** A button sends the whole form: it saves everything typed so far. */
  const onSubmit = useCallback((event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.value.startsWith('save-over:'))
      dispatch({ type: 'conflict-resolved' });
    dispatch({ type: 'button-sent' });
  }, []);

  return { state, statusText: statusText(state), onChange, onSubmit };
}
