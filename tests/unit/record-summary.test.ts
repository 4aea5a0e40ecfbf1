import { describe, expect, it } from 'vitest';
import { amendmentDiff, currentDecision } from '#shared/record/decision-rules';
import { decisionIssues, type Amendment, type Decision } from '#shared/record/decision';
import {
  leaningName,
  patientPriorities,
  rowsByImportance,
  sureSummary,
} from '#shared/record/summary';
import { versionInsights } from '#shared/record/insights';
import { publishableAid } from '../support/aids';
import { choiceAmendment } from '../support/records';

const aid = publishableAid();
const answers = {
  marks: ['life'],
  ratings: { better: 3, rash: 4, life: 1 },
  ownConcerns: [
    { id: 'own-1', text: 'Keeping my hands free for work', rating: 4 },
    { id: 'own-2', text: 'Not rated' },
  ],
};

describe('what matters to the patient, read the same way everywhere', () => {
  it('lists every rated consideration most important first, own concerns among the rows', () => {
    expect(patientPriorities(aid, answers).map((p) => [p.label, p.rating, p.kind])).toEqual([
      ['Avoiding side effects', 4, 'row'],
      ['Keeping my hands free for work', 4, 'own'],
      ['Getting better', 3, 'row'],
      ['Less fuss each day', 1, 'row'],
    ]);
  });

  it("puts the rows that matter most first in the grid, and the rest in the aid's order", () => {
    const rows = rowsByImportance(aid, { marks: [], ratings: { life: 4, better: 1 } });
    expect(rows.map((r) => [r.row.id, r.important])).toEqual([
      ['life', true],
      ['better', false],
      ['rash', false],
    ]);
    // A row marked while reading and not rated counts as important, after the rated ones.
    const marked = rowsByImportance(aid, { marks: ['rash'], ratings: { life: 3 } });
    expect(marked.map((r) => [r.row.id, r.important])).toEqual([
      ['life', true],
      ['rash', true],
      ['better', false],
    ]);
  });

  it('names the leaning, "not sure yet", or nothing', () => {
    expect(leaningName(aid, 'a')).toBe('Steroid cream');
    expect(leaningName(aid, 'not-sure')).toBe('Not sure yet');
    expect(leaningName(aid, undefined)).toBeNull();
  });

  it('flags SURE at any "no" or when some are left out, and scores once all four are answered', () => {
    expect(sureSummary({ sure: false })).toMatchObject({
      flag: 'a-no',
      score: null,
      unanswered: 3,
    });
    expect(
      sureSummary({ sure: true, understand: true, riskBenefit: true, encouragement: true }),
    ).toMatchObject({ flag: null, score: 4, unanswered: 0 });
    expect(
      sureSummary({ sure: true, understand: false, riskBenefit: true, encouragement: true }),
    ).toMatchObject({ flag: 'a-no', score: 3 });
    // Three yes and one left out cannot score 4.
    expect(sureSummary({ sure: true, understand: true, riskBenefit: true })).toMatchObject({
      flag: 'left-out',
      score: null,
    });
    expect(sureSummary({})).toMatchObject({ flag: null, unanswered: 4 });
  });
});

describe('the decision and its amendments', () => {
  const decision: Decision = {
    choice: { kind: 'option', optionId: 'a' },
    notes: 'Start with the cream.',
    openQuestions: [],
    followUp: '',
    participants: '',
    decidedAt: '2026-11-20T10:00:00.000Z',
    decidedBy: { id: 'c1', name: 'Dr Alex Morgan' },
    clientToken: 'token-000',
  };

  it('applies amendments in order over the decision as recorded', () => {
    const amendments: Amendment[] = [
      {
        id: 'amend-001',
        at: '2026-11-21T10:00:00.000Z',
        by: { id: 'c1', name: 'Dr Alex Morgan' },
        reason: 'Typo',
        before: { notes: 'Start with the cream.' },
        after: { notes: 'Start with the cream tonight.' },
      },
      choiceAmendment({
        id: 'amend-002',
        at: '2026-11-22T10:00:00.000Z',
        by: { id: 'c1', name: 'Dr Alex Morgan' },
        reason: 'Changed her mind on the phone',
      }),
    ];
    expect(currentDecision(decision, amendments)).toMatchObject({
      choice: { kind: 'option', optionId: 'b' },
      notes: 'Start with the cream tonight.',
    });
    expect(decision.notes).toBe('Start with the cream.');
  });

  it('keeps only what really changes in an amendment, whatever the order of keys', () => {
    const current = currentDecision(decision, []);
    expect(
      amendmentDiff(current, {
        choice: { optionId: 'a', kind: 'option' } as never,
        notes: 'Start with the cream.',
        followUp: 'Phone in 2 weeks',
      }),
    ).toEqual({ before: { followUp: '' }, after: { followUp: 'Phone in 2 weeks' } });
  });

  it('refuses an option the aid does not have, and a next step due in the past', () => {
    expect(
      decisionIssues(aid, { choice: { kind: 'option', optionId: 'x' } }, '2026-11-26'),
    ).toEqual([{ path: ['choice', 'optionId'], message: expect.any(String) }]);
    const late = { kind: 'not-yet' as const, nextStep: 'Talk at home', nextStepBy: '2026-11-25' };
    expect(decisionIssues(aid, { choice: late }, '2026-11-26')).toEqual([
      { path: ['choice', 'nextStepBy'], message: 'Choose today or a later date' },
    ]);
    expect(
      decisionIssues(aid, { choice: { ...late, nextStepBy: '2026-11-26' } }, '2026-11-26'),
    ).toEqual([]);
  });
});

describe("authors' insights", () => {
  const byStatus = { 'in-progress': 1, ready: 1, decided: 1, confirmed: 1 };

  it('shows nothing for a version with fewer than 5 records', () => {
    expect(
      versionInsights(aid, 1, { byStatus, rated: 4, important: { rash: 4 } }).counts,
    ).toBeNull();
  });

  it('counts records, but shows what mattered only once 5 patients have rated anything', () => {
    const counts = versionInsights(aid, 1, {
      byStatus: { ...byStatus, 'in-progress': 4 },
      rated: 1,
      important: { better: 1 },
    }).counts;
    expect(counts).toMatchObject({ records: 7, rated: 1, important: null });
  });

  it('counts records by status and the considerations rated important, most often first', () => {
    const insights = versionInsights(aid, 1, {
      byStatus: { ...byStatus, confirmed: 2 },
      rated: 5,
      important: { better: 2, rash: 4, life: 0 },
    });
    expect(insights.counts).toEqual({
      records: 5,
      byStatus: { 'in-progress': 1, ready: 1, decided: 1, confirmed: 2 },
      rated: 5,
      important: [
        { rowId: 'rash', label: 'Avoiding side effects', patients: 4 },
        { rowId: 'better', label: 'Getting better', patients: 2 },
      ],
    });
  });
});
