import { describe, expect, it } from 'vitest';
import {
  isDecided,
  recordStatuses,
  transition,
  type RecordAction,
  type RecordParty,
  type RecordStatus,
} from '#shared/record/lifecycle';

const move = (from: RecordStatus, action: RecordAction, by: RecordParty) =>
  transition(from, action, by);

describe('the life of a decision record', () => {
  it('goes in progress → ready → decided → confirmed along the happy path', () => {
    expect(move('in-progress', 'mark-ready', 'patient')).toEqual({ ok: true, to: 'ready' });
    expect(move('ready', 'decide', 'clinician')).toEqual({ ok: true, to: 'decided' });
    expect(move('decided', 'confirm', 'patient')).toEqual({ ok: true, to: 'confirmed' });
  });

  it('lets them decide without the patient having said "ready", and confirm on the same screen', () => {
    expect(move('in-progress', 'decide', 'clinician')).toEqual({ ok: true, to: 'decided' });
    expect(move('in-progress', 'decide-together', 'clinician')).toEqual({
      ok: true,
      to: 'confirmed',
    });
    expect(move('ready', 'decide-together', 'clinician')).toEqual({ ok: true, to: 'confirmed' });
  });

  it('records a confirmation made in person by the clinician as well as through the link', () => {
    expect(move('decided', 'confirm', 'clinician')).toEqual({ ok: true, to: 'confirmed' });
  });

  it("keeps the patient's answers open until the decision, then locks them", () => {
    expect(move('in-progress', 'save-answers', 'patient')).toEqual({ ok: true, to: 'in-progress' });
    expect(move('ready', 'save-answers', 'patient')).toEqual({ ok: true, to: 'ready' });
    expect(move('decided', 'save-answers', 'patient')).toEqual({ ok: false, refusal: 'locked' });
    expect(move('confirmed', 'save-answers', 'patient')).toEqual({ ok: false, refusal: 'locked' });
    expect(move('decided', 'mark-ready', 'patient')).toEqual({ ok: false, refusal: 'locked' });
  });

  it('refuses a second decision: changes after it are amendments, which keep the status', () => {
    for (const from of ['decided', 'confirmed'] as const) {
      expect(move(from, 'decide', 'clinician')).toEqual({ ok: false, refusal: 'already-decided' });
      expect(move(from, 'decide-together', 'clinician')).toEqual({
        ok: false,
        refusal: 'already-decided',
      });
      expect(move(from, 'amend', 'clinician')).toEqual({ ok: true, to: from });
    }
  });

  it('has nothing to confirm or amend before the decision, and confirms once', () => {
    for (const from of ['in-progress', 'ready'] as const) {
      expect(move(from, 'confirm', 'patient')).toEqual({ ok: false, refusal: 'not-decided' });
      expect(move(from, 'amend', 'clinician')).toEqual({ ok: false, refusal: 'not-decided' });
    }
    expect(move('confirmed', 'confirm', 'patient')).toEqual({
      ok: false,
      refusal: 'already-confirmed',
    });
    expect(move('ready', 'mark-ready', 'patient')).toEqual({ ok: false, refusal: 'already-ready' });
  });

  it('never lets a patient decide or amend, nor a clinician answer for the patient', () => {
    for (const from of recordStatuses) {
      for (const action of ['decide', 'decide-together', 'amend'] as const) {
        expect(move(from, action, 'patient')).toEqual({ ok: false, refusal: 'not-allowed' });
      }
      for (const action of ['save-answers', 'mark-ready'] as const) {
        expect(move(from, action, 'clinician')).toEqual({ ok: false, refusal: 'not-allowed' });
      }
    }
  });

  it('counts a record as decided from the decision on, confirmed or not', () => {
    expect(recordStatuses.filter(isDecided)).toEqual(['decided', 'confirmed']);
  });
});
