import { describe, expect, it } from 'vitest';
import type { Aid } from '#shared/aid/aids';
import { runChecks } from '#shared/checks/checks';
// The session's whole API, as the editor's hook uses it.
import * as editor from '../../web/routes/_clinic.aids.$aidId._index/editor-session';
import { publishableAid } from '../support/aids';

const run = (state: editor.EditorSession, ...events: editor.EditorEvent[]) =>
  events.reduce(editor.editorSession, state);

const saved = (revision: number): editor.EditorAnswer => ({
  kind: 'saved',
  revision,
  savedAt: '2026-05-01T10:15:00.000Z',
  reply: { error: {} },
});
const invalid = (baseRevision: number): editor.EditorAnswer => ({
  kind: 'invalid',
  baseRevision,
  reply: { status: 'error', error: { title: ['Keep the title to 200 characters or fewer'] } },
});
const theirs = { revision: 7, content: publishableAid() } as Aid;
const mine = publishableAid({ title: 'Mine' });
const conflict = (baseRevision: number): editor.EditorAnswer => ({
  kind: 'conflict',
  baseRevision,
  current: theirs,
  mine,
  mineChecks: runChecks(mine),
  reply: { error: {} },
});

const typed: editor.EditorEvent = { type: 'typed' };
const autosaveSent: editor.EditorEvent = { type: 'autosave-sent' };
const autosaveAnswered = (answer: editor.EditorAnswer): editor.EditorEvent => ({
  type: 'autosave-answered',
  answer,
});
const buttonAnswered = (answer: editor.EditorAnswer): editor.EditorEvent => ({
  type: 'button-answered',
  answer,
});

describe("the editor's session", () => {
  it('starts idle on the revision it opened, or saved after a button', () => {
    expect(editor.startSession({ revision: 4, saved: false })).toMatchObject({
      base: 4,
      status: 'idle',
    });
    const afterButton = editor.startSession({ revision: 5, saved: true });
    expect(afterButton).toMatchObject({ base: 5, status: 'saved' });
    expect(editor.statusText(afterButton)).toBe('Saved.');
  });

  it('waits for a pause in typing, saves, and moves its base with its own save', () => {
    let state = run(editor.startSession({ revision: 4, saved: false }), typed);
    expect(state).toMatchObject({ status: 'pending', dirty: true });
    expect(editor.shouldAutosave(state)).toBe(true);
    state = run(state, autosaveSent);
    expect(state).toMatchObject({ status: 'saving', sending: 'autosave', dirty: false });
    expect(editor.shouldAutosave(state)).toBe(false);
    state = run(state, autosaveAnswered(saved(5)));
    expect(state).toMatchObject({ base: 5, status: 'saved', sending: null });
    expect(editor.statusText(state)).toMatch(/^All changes saved at \d\d:\d\d\.$/);
    expect(editor.hasUnsavedWork(state)).toBe(false);
  });

  it('keeps typing done during a save for the next save, one save at a time', () => {
    const state = run(
      editor.startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      typed,
    );
    expect(state.status).toBe('saving');
    expect(editor.shouldAutosave(state)).toBe(false);
    const after = run(state, autosaveAnswered(saved(5)));
    expect(after).toMatchObject({ base: 5, status: 'pending', dirty: true });
    expect(editor.shouldAutosave(after)).toBe(true);
  });

  it('shows errors from an autosave without resetting the form; a button answer resets it', () => {
    const autosaved = run(
      editor.startSession({ revision: 4, saved: false }),
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
      editor.startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered(conflict(4)),
    );
    expect(state).toMatchObject({ status: 'conflict', base: 4 });
    expect(state.conflict?.current.revision).toBe(7);
    // Typing goes on; nothing is sent.
    state = run(state, typed, typed);
    expect(state.status).toBe('conflict');
    expect(editor.shouldAutosave(state)).toBe(false);
    expect(editor.hasUnsavedWork(state)).toBe(true);
    // "Save my version instead of theirs".
    state = run(state, { type: 'conflict-resolved' }, { type: 'button-sent' });
    expect(state).toMatchObject({ conflict: null, status: 'saving', sending: 'button' });
  });

  it('counts an autosave that lands while a button is on its way, but only its revision', () => {
    const state = run(
      editor.startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      { type: 'button-sent' },
      autosaveAnswered(saved(5)),
    );
    expect(state).toMatchObject({ base: 5, status: 'saving', sending: 'button' });
  });

  it('keeps the text when the session ended or the connection failed, and tries again', () => {
    const signedOut = run(
      editor.startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered({ kind: 'signed-out' }),
    );
    expect(signedOut.status).toBe('signed-out');
    expect(editor.statusText(signedOut)).toMatch(/your text stays here/);

    const failed = run(
      editor.startSession({ revision: 4, saved: false }),
      typed,
      autosaveSent,
      autosaveAnswered({ kind: 'failed' }),
    );
    expect(failed).toMatchObject({ status: 'failed', base: 4 });
    const retried = run(failed, { type: 'retry' });
    expect(retried).toMatchObject({ status: 'pending', dirty: true });
    expect(editor.shouldAutosave(retried)).toBe(true);
  });

  it('without JavaScript, starts from the answer the page came with, on the base it sent', () => {
    // The page reloaded its data, which may hold a colleague's newer save (revision 9):
    // the form shows the author's text, so the next save stays based on revision 4.
    const state = editor.startSession({ revision: 9, saved: false, answer: invalid(4) });
    expect(state).toMatchObject({ base: 4, status: 'invalid', sending: null });
    expect(editor.startSession({ revision: 9, saved: false, answer: conflict(4) })).toMatchObject({
      base: 4,
      status: 'conflict',
    });
  });

  it('after a blocked publish, is based on the save that did happen', () => {
    const state = run(
      editor.startSession({ revision: 4, saved: false }),
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

  describe('buttons pressed while a save is on its way', () => {
    const addQuestion = {
      name: '__intent__',
      value: '{"type":"insert","payload":{"name":"rows"}}',
    };
    const queued = (button = addQuestion): editor.EditorEvent => ({
      type: 'button-queued',
      button,
    });

    it('wait behind a button: the second of two quick clicks is sent after the first is saved', () => {
      const first = run(editor.startSession({ revision: 4, saved: false }), {
        type: 'button-sent',
      });
      expect(editor.mustWait(first)).toBe(true);
      const both = run(first, queued());
      // Nothing more goes while the first is on its way.
      expect(editor.nextQueued(both)).toBeNull();
      expect(both.sending).toBe('button');
      expect(editor.hasUnsavedWork(both)).toBe(true);
      // The first one's save reloads the page: the editor starts again on its revision, the click still waiting.
      const reloaded = editor.startSession({ revision: 5, saved: true, queued: both.queued });
      expect(reloaded.base).toBe(5);
      expect(editor.mustWait(reloaded)).toBe(true);
      expect(editor.shouldAutosave(run(reloaded, typed))).toBe(false);
      expect(editor.nextQueued(reloaded)).toEqual(addQuestion);
      const sent = run(reloaded, { type: 'queued-sent' });
      expect(sent).toMatchObject({ queued: [], sending: 'button', status: 'saving' });
      expect(editor.nextQueued(sent)).toBeNull();
      expect(editor.mustWait(sent)).toBe(true);
    });

    it('wait behind an autosave, then go on the revision it saved', () => {
      let state = run(editor.startSession({ revision: 4, saved: false }), typed, autosaveSent);
      expect(editor.mustWait(state)).toBe(true);
      state = run(state, queued());
      expect(editor.nextQueued(state)).toBeNull();
      state = run(state, autosaveAnswered(saved(5)));
      expect(state).toMatchObject({ base: 5, sending: null });
      expect(editor.nextQueued(state)).toEqual(addQuestion);
    });

    it('wait in order, one at a time', () => {
      const save = { name: 'intent', value: 'save' };
      let state = run(editor.startSession({ revision: 4, saved: false }), { type: 'button-sent' });
      state = run(state, queued(), queued(save));
      state = run(state, buttonAnswered(saved(5)));
      expect(editor.nextQueued(state)).toEqual(addQuestion);
      state = run(state, { type: 'queued-sent' });
      expect(editor.nextQueued(state)).toBeNull();
      state = run(state, buttonAnswered(saved(6)));
      expect(editor.nextQueued(state)).toEqual(save);
    });

    it('are dropped when the save before them ends in a conflict or errors', () => {
      const conflicted = run(
        editor.startSession({ revision: 4, saved: false }),
        typed,
        autosaveSent,
        queued(),
        autosaveAnswered(conflict(4)),
      );
      expect(conflicted.queued).toEqual([]);
      expect(editor.nextQueued(conflicted)).toBeNull();
      const refused = run(
        editor.startSession({ revision: 4, saved: false }),
        { type: 'button-sent' },
        queued(),
        buttonAnswered(invalid(4)),
      );
      expect(refused).toMatchObject({ queued: [], status: 'invalid' });
    });
  });

  it('after adding a number, shows the form as sent with its question open', () => {
    const state = run(
      editor.startSession({ revision: 4, saved: false }),
      { type: 'button-sent' },
      buttonAnswered({
        kind: 'saved',
        revision: 5,
        savedAt: '2026-05-01T10:15:00.000Z',
        reply: { status: 'success', initialValue: { title: 'Itchy skin' } },
        opened: { row: 'better', anchor: 'number-better-a-1' },
      }),
    );
    expect(state).toMatchObject({
      base: 5,
      status: 'saved',
      formVersion: 1,
      opened: { row: 'better', anchor: 'number-better-a-1' },
    });
    // An autosave's answer leaves the form and what is open as they are.
    const after = run(state, typed, autosaveSent, autosaveAnswered(saved(6)));
    expect(after).toMatchObject({ base: 6, formVersion: 1, opened: { row: 'better' } });
  });
});
