import { useFetcher, useSearchParams, useSubmit } from '@remix-run/react';
import { useCallback, useEffect, useReducer, useRef, type FormEvent, type RefObject } from 'react';
import type { Aid } from '#shared/aid/aids';
import {
  editorSession,
  hasUnsavedWork,
  mustWait,
  nextQueued,
  shouldAutosave,
  startSession,
  statusText,
  type EditorAnswer,
  type EditorEvent,
  type EditorSession,
  type QueuedButton,
} from './editor-session';

const AUTOSAVE_DELAY_MS = 1500;

/** Buttons waiting their turn in the editor of one aid. */
export interface Waiting {
  aidId: string;
  queued: QueuedButton[];
}
const RETRY_DELAY_MS = 6000;

/**
 * The editor's life with JavaScript, wired to the page: autosave a moment
 * after typing stops, through a fetcher, one save at a time; answers from
 * autosave and from the buttons go to the session's reducer
 * (editor-session.ts), which decides everything else. A button pressed
 * while a save is on its way waits its turn, even across the page load that
 * follows a button's save (`waiting` outlives the editor's form). Without
 * JavaScript none of this runs, and the form's buttons do the same work.
 */
export function useEditorSession({
  formRef,
  aid,
  answer,
  waiting,
  onWaiting,
}: {
  formRef: RefObject<HTMLFormElement>;
  aid: Aid;
  /** A button's answer (the page's action data). */
  answer: EditorAnswer | undefined;
  /** Buttons waiting, kept by the page across the editor's restarts. */
  waiting: Waiting;
  /** Tells the page which buttons wait. */
  onWaiting: (waiting: Waiting) => void;
}) {
  const [search] = useSearchParams();
  const [state, reduce] = useReducer(
    editorSession,
    {
      revision: aid.revision,
      saved: search.has('saved'),
      answer,
      queued: waiting.aidId === aid.id ? waiting.queued : [],
    },
    startSession,
  );
  // The session as the next event finds it: two clicks can come before React renders between them.
  const current = useRef<EditorSession>(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  const dispatch = useCallback((event: EditorEvent) => {
    current.current = editorSession(current.current, event);
    reduce(event);
  }, []);
  useEffect(() => {
    onWaiting({ aidId: aid.id, queued: state.queued });
  }, [onWaiting, aid.id, state.queued]);
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
  }, [answer, dispatch]);

  // An autosave's answer, once it is done; no answer at all (a network failure) is a failure.
  // `autosaving` is set when the save is sent, not when a busy state is seen: on a slow
  // machine React may render "submitting" and "idle" as one, and the answer must still count.
  const seenAutosave = useRef(fetcher.data);
  const autosaving = useRef(false);
  useEffect(() => {
    if (fetcher.state !== 'idle' || !autosaving.current) return;
    autosaving.current = false;
    const data = fetcher.data !== seenAutosave.current ? fetcher.data : undefined;
    seenAutosave.current = fetcher.data;
    dispatch({ type: 'autosave-answered', answer: data ?? { kind: 'failed' } });
  }, [fetcher.state, fetcher.data, dispatch]);

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
      autosaving.current = true;
      void submit(body, { method: 'post' });
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [autosave, state.edits, state.base, formRef, submit, dispatch]);

  // A save that failed on the server side is tried again.
  useEffect(() => {
    if (state.status !== 'failed') return;
    const timer = window.setTimeout(() => dispatch({ type: 'retry' }), RETRY_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [state.status, dispatch]);

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

  // A button that waited is sent once the save before it is answered, on the revision it made.
  const submitButton = useSubmit();
  const next = nextQueued(state);
  useEffect(() => {
    const form = formRef.current;
    // Once only, whatever runs this effect again before the page renders.
    if (!next || !form || nextQueued(current.current) !== next) return;
    const body = new FormData(form);
    body.append(next.name, next.value);
    body.set('revision', String(current.current.base));
    dispatch({ type: 'queued-sent' });
    submitButton(body, { method: 'post', preventScrollReset: true });
  }, [next, formRef, dispatch, submitButton]);

  const onChange = useCallback(() => dispatch({ type: 'typed' }), [dispatch]);
  /** A button sends the whole form: it saves everything typed so far, or waits its turn. */
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const button =
        submitter instanceof HTMLButtonElement && submitter.name
          ? { name: submitter.name, value: submitter.value }
          : { name: 'intent', value: 'save' };
      if (mustWait(current.current)) {
        event.preventDefault();
        dispatch({ type: 'button-queued', button });
        return;
      }
      if (button.value.startsWith('save-over:')) dispatch({ type: 'conflict-resolved' });
      dispatch({ type: 'button-sent' });
    },
    [dispatch],
  );

  return { state, statusText: statusText(state), onChange, onSubmit };
}
