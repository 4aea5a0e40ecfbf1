import { describe, expect, it } from 'vitest';
import type { Aid } from '#shared/aid/aids';
import {
  editorSession,
  hasUnsavedWork,
  shouldAutosave,
  startSession,
  statusText,
  type EditorAnswer,
  type EditorEvent,
  type EditorSession,
} from '../../web/routes/_clinic.aids.$aidId._index/editor-session';
import { publishableAid } from '../support/aids';

const run = (state: EditorSession, ...events: EditorEvent[]) => events.reduce(editorSession, state);

const saved = (revision: number): EditorAnswer => ({
  kind: 'saved',
  revision,
  savedAt: '2026-05-01T10:15:00.000Z',
  reply: { error: {} },
});
const invalid = (baseRevision: number): EditorAnswer => ({
  kind: 'invalid',
  baseRevision,
  reply: { status: 'error', error: { title: ['Keep the title to 200 characters or fewer'] } },
});
const theirs = { revision: 7, content: publishableAid() } as Aid;
const conflict = (baseRevision: number): EditorAnswer => ({
  kind: 'conflict',
  baseRevision,
  current: theirs,
  mine: publishableAid({ title: 'Mine' }),
  reply: { error: {} },
});

const typed: EditorEvent = { type: 'typed' };
const autosaveSent: EditorEvent = { type: 'autosave-sent' };
const autosaveAnswered = (answer: EditorAnswer): EditorEvent => ({
  type: 'autosave-answered',
  answer,
});
const buttonAnswered = (answer: EditorAnswer): EditorEvent => ({
  type: 'button-answered',
  answer,
});

describe("the editor's session", () => {
  it('starts idle on the revision it opened, or saved after a button', () => {
    expect(startSession({ revision: 4, saved: false })).toMatchObject({ base: 4, status: 'idle' });
    const afterButton = startSession({ revision: 5, saved: true });
    expect(afterButton).toMatchObject({ base: 5, status: 'saved' });
    expect(statusText(afterButton)).toBe('Saved.');
  });

  it('waits for a pause in typing, saves, and moves its base with its own save', () => {
    let state = run(startSession({ revision: 4, saved: false }), typed);
    expect(state).toMatchObject({ status: 'pending', dirty: true });
    expect(shouldAutosave(state)).toBe(true);
    state = run(state, autosaveSent);
    expect(state).toMatchObject({ status: 'saving', sending: 'autosave', dirty: false });
    expect(shouldAutosave(state)).toBe(false);
    state = run(state, autosaveAnswered(saved(5)));
    expect(state).toMatchObject({ base: 5, status: 'saved', sending: null });
    expect(statusText(state)).toMatch(/^All changes saved at \d\d:\d\d\.$/);
    expect(hasUnsavedWork(state)).toBe(false);
  });

  it('keeps typing done during a save for the next save, one save at a time', () => {
    const state = run(startSession({ revision: 4, saved: false }), typed, autosaveSent, typed);
    expect(state.status).toBe('saving');
    expect(shouldAutosave(state)).toBe(false);
    const after = run(state, autosaveAnswered(saved(5)));
    expect(after).toMatchObject({ base: 5, status: 'pending', dirty: true });
    expect(shouldAutosave(after)).toBe(true);
  });

  it('shows errors from an autosave without resetting the form; a button answer resets it', () => {
    const autosaved = run(
      startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered(invalid(4)),
    );
    expect(autosaved).toMatchObject({ status: 'invalid', base: 4, formVersion: 0 });
    expect(autosaved.reply?.error?.['title']).toBeDefined();

    const pressed = run(autosaved, { type: 'button-sent' }, buttonAnswered(invalid(4)));
    expect(pressed).toMatchObject({ status: 'invalid', formVersion: 1, sending: null });
  });

  it('stops on a conflict, never moves the base to theirs, and saves only when the author chooses', () => {
    let state = run(
      startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered(conflict(4)),
    );
    expect(state).toMatchObject({ status: 'conflict', base: 4 });
    expect(state.conflict?.current.revision).toBe(7);
    // Typing goes on; nothing is sent.
    state = run(state, typed, typed);
    expect(state.status).toBe('conflict');
    expect(shouldAutosave(state)).toBe(false);
    expect(hasUnsavedWork(state)).toBe(true);
    // "Save my version instead of theirs".
    state = run(state, { type: 'conflict-resolved' }, { type: 'button-sent' });
    expect(state).toMatchObject({ conflict: null, status: 'saving', sending: 'button' });
  });

  it('counts an autosave that lands while a button is on its way, but only its revision', () => {
    const state = run(
      startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      { type: 'button-sent' },
      autosaveAnswered(saved(5)),
    );
    expect(state).toMatchObject({ base: 5, status: 'saving', sending: 'button' });
  });

  it('keeps the text when the session ended or the connection failed, and tries again', () => {
    const signedOut = run(
      startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered({ kind: 'signed-out' }),
    );
    expect(signedOut.status).toBe('signed-out');
    expect(statusText(signedOut)).toMatch(/your text stays here/);

    const failed = run(
      startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered({ kind: 'failed' }),
    );
    expect(failed).toMatchObject({ status: 'failed', base: 4 });
    const retried = run(failed, { type: 'retry' });
    expect(retried).toMatchObject({ status: 'pending', dirty: true });
    expect(shouldAutosave(retried)).toBe(true);
  });

  it('without JavaScript, starts from the answer the page came with, on the base it sent', () => {
    // The page reloaded its data, which may hold a colleague's newer save (revision 9):
    // the form shows the author's text, so the next save stays based on revision 4.
    const state = startSession({ revision: 9, saved: false, answer: invalid(4) });
    expect(state).toMatchObject({ base: 4, status: 'invalid', sending: null });
    expect(startSession({ revision: 9, saved: false, answer: conflict(4) })).toMatchObject({
      base: 4,
      status: 'conflict',
    });
  });

  it('after a blocked publish, is based on the save that did happen', () => {
    const state = run(
      startSession({ revision: 4, saved: false }),
      { type: 'button-sent' },
      buttonAnswered({
        kind: 'publish-blocked',
        message: 'B6 is missing.',
        revision: 5,
        savedAt: '2026-05-01T10:15:00.000Z',
        reply: { status: 'success' },
      }),
    );
    expect(state).toMatchObject({ base: 5, status: 'saved', publishBlocked: 'B6 is missing.' });
  });
});
