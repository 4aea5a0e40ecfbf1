import type { SubmissionResult } from '@conform-to/react';
import type { AidContent } from '#shared/aid/schema';
import type { Aid } from '#shared/aid/aids';
import type { AidChecks } from '#shared/checks/results';

/**
 * The editor's session with JavaScript, as a pure reducer: what the author
 * typed, what was sent, what came back, and the revision the next save is
 * based on. The hook in use-editor-session.ts only wires it to the page.
 *
 * The rule it keeps (ADR 10): the base revision moves only with this
 * author's own saves, never with a reload of the page's data, so that a
 * colleague's newer save ends in a conflict and never in an overwrite.
 */

type Reply = SubmissionResult<string[]>;

/** What the editor's action answers, to a button or to an autosave. */
export type EditorAnswer =
  /**
   * Autosave, or a button whose change cannot be saved yet (a number just
   * added, still blank): the form shows it as sent, with `opened`'s details
   * open. Other buttons' saves redirect instead.
   */
  | {
      kind: 'saved';
      revision: number;
      savedAt: string;
      reply: Reply;
      opened?: Opened | undefined;
    }
  /** Nothing saved. `baseRevision` is what the form sent was based on. */
  | { kind: 'invalid'; reply: Reply; baseRevision: number }
  /** Someone else saved first. `baseRevision` is what this author's form was based on. */
  | {
      kind: 'conflict';
      reply: Reply;
      current: Aid;
      baseRevision: number;
      mine: AidContent;
      /** The checks of `mine`, made by the server. */
      mineChecks: AidChecks;
    }
  /** Saved, but not published: the server's checks found something missing. */
  | { kind: 'publish-blocked'; reply: Reply; message: string; revision: number; savedAt: string }
  /** An autosave that the server could not complete; the editor keeps the text and retries. */
  | { kind: 'failed' }
  /** An autosave after the clinician's session ended: the text stays on the page. */
  | { kind: 'signed-out' };

export type SaveStatus =
  'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed' | 'signed-out';

export interface EditorSession {
  /** The revision the next save is based on. */
  base: number;
  status: SaveStatus;
  /** Typed since the last save was sent. */
  dirty: boolean;
  /** Counts the changes typed: autosave waits for a pause after the last one. */
  edits: number;
  /** A save on its way: through autosave, or a button's post. */
  sending: 'autosave' | 'button' | null;
  savedAt: string | null;
  /** Someone else saved first; autosave stops until the author chooses. */
  conflict: Conflict | null;
  /** What the form shows of the last answer (Conform's `lastResult`): errors, and after a button what was sent. */
  reply: Reply | null;
  /** Changes when a button's answer resets the form to what it sent back (say, with an option added). */
  formVersion: number;
  /** Why the last publish did not happen. */
  publishBlocked: string | null;
  /**
   * Buttons pressed while a save was on its way, in order, to send one at a
   * time once it is answered: the second of two quick clicks on "Add a
   * question" waits for the first, rather than be sent on the same revision
   * and meet the author's own save as a conflict.
   */
  queued: QueuedButton[];
  /** The question whose details a button's answer left open, and where (a number just added). */
  opened: Opened | null;
}

/** What the conflict notice and the checks panel show of a conflict. */
export interface Conflict {
  current: Aid;
  baseRevision: number;
  mine: AidContent;
  mineChecks: AidChecks;
}

/** A question's details left open by a button's answer, at the element with id `anchor`. */
export interface Opened {
  row: string;
  anchor: string;
}

/** A button as the form sends it: its name and value (Conform's list intents, or `intent`). */
export interface QueuedButton {
  name: string;
  value: string;
}

export type EditorEvent =
  | { type: 'typed' }
  | { type: 'autosave-sent' }
  | { type: 'autosave-answered'; answer: EditorAnswer }
  | { type: 'button-sent' }
  /** A button pressed while a save is on its way: it waits its turn (see `mustWait`). */
  | { type: 'button-queued'; button: QueuedButton }
  /** The first button waiting was sent (see `nextQueued`). */
  | { type: 'queued-sent' }
  | { type: 'button-answered'; answer: EditorAnswer }
  /** The author chose to save their version over the other one (from the conflict notice). */
  | { type: 'conflict-resolved' }
  /** Time to try a failed autosave again. */
  | { type: 'retry' };

/** The session of an editor opened on `revision`, after a button's redirect (`saved`) or answer. */
export function startSession({
  revision,
  saved,
  answer,
  queued = [],
}: {
  revision: number;
  saved: boolean;
  answer?: EditorAnswer | undefined;
  /** Buttons still waiting when the page was loaded again after the previous button's save. */
  queued?: QueuedButton[] | undefined;
}): EditorSession {
  const session: EditorSession = {
    base: revision,
    status: saved ? 'saved' : 'idle',
    dirty: false,
    edits: 0,
    sending: null,
    savedAt: null,
    conflict: null,
    reply: null,
    formVersion: 0,
    publishBlocked: null,
    queued,
    opened: null,
  };
  // Without JavaScript, a button's answer comes with the page: the form shows it from the start.
  return answer ? answered({ ...session, sending: 'button' }, answer, 'button') : session;
}

/** After an answer, typing done meanwhile is still to be saved. */
const unlessTyped = (state: EditorSession, status: SaveStatus): SaveStatus =>
  state.dirty ? 'pending' : status;

function answered(
  state: EditorSession,
  answer: EditorAnswer,
  via: 'autosave' | 'button',
): EditorSession {
  // Buttons waiting go on after a save; after anything else they would fail the same way.
  const keepQueue = answer.kind === 'saved' || answer.kind === 'publish-blocked';
  const next: EditorSession = {
    ...state,
    sending: null,
    queued: keepQueue ? state.queued : [],
    opened: via === 'button' && answer.kind === 'saved' ? (answer.opened ?? null) : state.opened,
  };
  // A button's answer that carries the form as sent is shown as it is.
  const reset = (reply: Reply) =>
    via === 'button' ? { reply, formVersion: state.formVersion + 1 } : { reply };
  switch (answer.kind) {
    case 'saved':
      return {
        ...next,
        ...reset(answer.reply),
        base: answer.revision,
        savedAt: answer.savedAt,
        conflict: null,
        publishBlocked: null,
        status: unlessTyped(state, 'saved'),
      };
    case 'invalid':
      return {
        ...next,
        ...reset(answer.reply),
        base: answer.baseRevision,
        status: unlessTyped(state, 'invalid'),
      };
    case 'conflict':
      return {
        ...next,
        ...reset(answer.reply),
        base: answer.baseRevision,
        conflict: {
          current: answer.current,
          baseRevision: answer.baseRevision,
          mine: answer.mine,
          mineChecks: answer.mineChecks,
        },
        status: 'conflict',
      };
    case 'publish-blocked':
      return {
        ...next,
        ...reset(answer.reply),
        base: answer.revision,
        savedAt: answer.savedAt,
        publishBlocked: answer.message,
        status: unlessTyped(state, 'saved'),
      };
    case 'failed':
      return { ...next, status: unlessTyped(state, 'failed') };
    case 'signed-out':
      return { ...next, status: unlessTyped(state, 'signed-out') };
  }
}

export function editorSession(state: EditorSession, event: EditorEvent): EditorSession {
  switch (event.type) {
    case 'typed':
      return {
        ...state,
        dirty: true,
        edits: state.edits + 1,
        // A conflict stays on screen until the author chooses; a save on its way stays "saving".
        status: state.conflict ? 'conflict' : state.sending ? state.status : 'pending',
      };
    case 'autosave-sent':
      return { ...state, sending: 'autosave', dirty: false, status: 'saving' };
    case 'autosave-answered':
      if (state.sending !== 'autosave') {
        // A button was pressed meanwhile: its answer counts, but this save happened all the same.
        return event.answer.kind === 'saved'
          ? { ...state, base: Math.max(state.base, event.answer.revision) }
          : state;
      }
      return answered(state, event.answer, 'autosave');
    case 'button-sent':
      return { ...state, sending: 'button', dirty: false, status: 'saving' };
    case 'button-queued':
      return { ...state, queued: [...state.queued, event.button] };
    case 'queued-sent':
      return {
        ...state,
        queued: state.queued.slice(1),
        sending: 'button',
        dirty: false,
        status: 'saving',
      };
    case 'button-answered':
      return answered(state, event.answer, 'button');
    case 'conflict-resolved':
      return { ...state, conflict: null };
    case 'retry':
      return state.status === 'failed' && !state.sending
        ? { ...state, dirty: true, edits: state.edits + 1, status: 'pending' }
        : state;
  }
}

/** Autosave sends after this pause in typing, one save at a time, never during a conflict or before buttons waiting. */
export const shouldAutosave = (state: EditorSession): boolean =>
  state.dirty && !state.sending && !state.conflict && state.queued.length === 0;

/** A button pressed now waits its turn: a save is on its way, or other buttons wait already. */
export const mustWait = (state: EditorSession): boolean =>
  state.sending !== null || state.queued.length > 0;

/** The button to send now, if one waits and nothing else is on its way. */
export const nextQueued = (state: EditorSession): QueuedButton | null =>
  !state.sending && !state.conflict ? (state.queued[0] ?? null) : null;

/** Leaving the page would lose something: typed and not saved, or saving, or in a conflict. */
export const hasUnsavedWork = (state: EditorSession): boolean =>
  state.dirty || state.sending !== null || state.conflict !== null || state.queued.length > 0;

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The status line under the editor's bar. */
export function statusText(state: EditorSession): string {
  switch (state.status) {
    case 'conflict':
      return 'Not saved: someone else saved a newer version. See the message above.';
    case 'saving':
      return 'Saving…';
    case 'pending':
      return 'Unsaved changes…';
    case 'invalid':
      return 'Not saved: some fields need attention (marked in red).';
    case 'signed-out':
      return 'Not saved: your session has ended. Sign in again in a new tab (your text stays here), then press Save.';
    case 'failed':
      return 'Not saved: the connection failed. Your text is still here; trying again…';
    case 'saved':
      return state.savedAt
        ? `All changes saved at ${timeFormat.format(new Date(state.savedAt))}.`
        : 'Saved.';
    case 'idle':
      return 'No unsaved changes.';
  }
}
