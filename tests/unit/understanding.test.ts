import { describe, expect, it } from 'vitest';
import type { AidContent } from '#shared/aid/schema';
import { NOT_SURE } from '#shared/record/rules';
import { answerIssues } from '#shared/record/schema';
import { isChoice, understandingQuestions } from '#shared/record/understanding';
import { publishableAid } from '../support/aids';

/** The same aid with every number taken out. */
function withoutNumbers(aid: AidContent): AidContent {
  return {
    ...aid,
    rows: aid.rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([id, cell]) => [id, { ...cell, numbers: [] }]),
      ),
    })),
  };
}

describe('the check of understanding', () => {
  it('writes one question per row with numbers, from the aid’s own numbers, with the other options’ numbers among the choices', () => {
    const questions = understandingQuestions(publishableAid());

    expect(questions.map((q) => [q.rowId, q.optionId, q.answer])).toEqual([
      ['better', 'a', 30],
      ['rash', 'a', 5],
    ]);
    const [better, rash] = questions;
    // The right answer, the other option's number on the same total, and near numbers; smallest first.
    expect(better!.choices).toContain(30);
    expect(better!.choices).toContain(10);
    expect(rash!.choices).toContain(0);
    for (const question of questions) {
      expect(question.choices.length).toBeGreaterThanOrEqual(2);
      expect(question.choices.length).toBeLessThanOrEqual(4);
      expect(new Set(question.choices).size).toBe(question.choices.length);
      expect([...question.choices].sort((a, b) => a - b)).toEqual(question.choices);
      expect(question.choices.every((c) => c >= 0 && c <= question.number.denominator)).toBe(true);
      // "I'm not sure" is always an answer.
      expect(isChoice(question, NOT_SURE)).toBe(true);
      expect(isChoice(question, '999')).toBe(false);
    }
  });

  it('asks about a second option when only one row has numbers, and never more than 4 questions', () => {
    const aid = publishableAid();
    const oneRow = { ...aid, rows: aid.rows.filter((row) => row.id !== 'rash') };
    expect(understandingQuestions(oneRow).map((q) => [q.rowId, q.optionId])).toEqual([
      ['better', 'a'],
      ['better', 'b'],
    ]);

    const many = {
      ...aid,
      rows: Array.from({ length: 6 }, (_, i) => ({ ...aid.rows[0]!, id: `row-${i}` })),
    };
    expect(understandingQuestions(many)).toHaveLength(4);
  });

  it('asks nothing about an aid without structured numbers', () => {
    expect(understandingQuestions(withoutNumbers(publishableAid()))).toEqual([]);
  });

  it('refuses answers to questions the aid does not ask, and answers outside the choices', () => {
    const aid = publishableAid();
    expect(
      answerIssues(aid, { understanding: { better: { a: '30' }, rash: { a: NOT_SURE } } }),
    ).toEqual([]);
    expect(
      answerIssues(aid, { understanding: { better: { a: '31' }, life: { a: '2' } } }).map(
        (issue) => issue.path,
      ),
    ).toEqual([
      ['understanding', 'better', 'a'],
      ['understanding', 'life', 'a'],
    ]);
  });
});
