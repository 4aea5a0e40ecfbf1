import { describe, expect, it } from 'vitest';
import type { AidContent, AidContentInput, Fit } from '#shared/aid/schema';
import { emptyFit, type FitConsideration, type FitResult, fitOptions } from '#shared/record/fit';
import { bareAid } from '#tests/support/aids';

type Judgements = Partial<Record<'surgery' | 'physio' | 'wait', Fit | null>>;

/** Cells for the given options; `null` writes a cell with no judgement, a missing key writes no cell. */
function cells(judgements: Judgements) {
  return Object.fromEntries(
    Object.entries(judgements).map(([optionId, fit]) => [
      optionId,
      fit === null ? { text: 'See your doctor.' } : { text: 'See your doctor.', fit },
    ]),
  );
}

/** A made-up decision about a sore knee: three options, five considerations. */
function kneeAid(judgements?: Record<string, Judgements>): AidContent {
  const rows: AidContentInput['rows'] = [
    {
      id: 'pain',
      question: 'How much pain will I have?',
      label: 'Having less pain',
      kind: 'benefit',
      cells: cells(judgements?.pain ?? { surgery: 'better', physio: 'same', wait: 'worse' }),
    },
    {
      id: 'recovery',
      question: 'How long is recovery?',
      label: 'Avoiding a long recovery',
      kind: 'practical',
      cells: cells(judgements?.recovery ?? { surgery: 'worse', physio: 'depends', wait: 'better' }),
    },
    {
      id: 'risk',
      question: 'What could go wrong?',
      label: 'Avoiding serious complications',
      kind: 'harm',
      cells: cells(judgements?.risk ?? { surgery: 'worse', physio: 'better', wait: 'better' }),
    },
    {
      id: 'cost',
      question: 'How much will it cost me?',
      label: '',
      kind: 'practical',
      // The author has not judged waiting on cost yet.
      cells: cells(judgements?.cost ?? { surgery: 'worse', physio: 'same', wait: null }),
    },
    {
      id: 'activity',
      question: '  ',
      label: '   ',
      kind: 'physical',
      // No judgement for physio, and no cell at all for waiting.
      cells: cells(judgements?.activity ?? { surgery: 'better', physio: null }),
    },
  ];
  // Fit reads only the options and the grid, so the aid's other texts are left blank.
  return bareAid({
    title: 'Treating a sore knee',
    question: 'How should I treat my sore knee?',
    options: [
      { id: 'surgery', name: 'Knee surgery', description: 'An operation on the knee.' },
      { id: 'physio', name: 'Physiotherapy', description: 'Exercises with a physiotherapist.' },
      {
        id: 'wait',
        name: 'Wait and see',
        description: 'Review in 3 months.',
        isNoAction: true,
      },
    ],
    rows,
  });
}

const ids = (considerations: FitConsideration[]) => considerations.map((c) => c.id);

function optionFit(result: FitResult, optionId: string) {
  const fit = result.options.find((o) => o.optionId === optionId);
  if (!fit) throw new Error(`No fit for ${optionId}`);
  return fit;
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

describe('fitOptions', () => {
  it('lists important considerations by rating, ties in the aid’s row order', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 3, recovery: 4, risk: 3, cost: 4, activity: 3 },
      marks: [],
    });

    expect(ids(result.important)).toEqual(['recovery', 'cost', 'pain', 'risk', 'activity']);
    expect(result.important.map((c) => c.rating)).toEqual([4, 4, 3, 3, 3]);
    expect(result.nothingImportant).toBe(false);
  });

  it('sorts each option’s considerations by how well the author judged it fares', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 3, recovery: 4, risk: 3, cost: 4, activity: 3 },
      marks: [],
    });

    const surgery = optionFit(result, 'surgery');
    expect(ids(surgery.better)).toEqual(['pain', 'activity']);
    expect(ids(surgery.worse)).toEqual(['recovery', 'cost', 'risk']);
    expect(ids(surgery.same)).toEqual([]);
    expect(ids(surgery.depends)).toEqual([]);
    expect(ids(surgery.unjudged)).toEqual([]);

    // "Same" and "it depends" are each a group of their own, so nothing important is hidden.
    const physio = optionFit(result, 'physio');
    expect(ids(physio.better)).toEqual(['risk']);
    expect(ids(physio.worse)).toEqual([]);
    expect(ids(physio.same)).toEqual(['cost', 'pain']);
    expect(ids(physio.depends)).toEqual(['recovery']);
    expect(ids(physio.unjudged)).toEqual(['activity']);

    // A cell without a judgement and a missing cell are both "unjudged".
    const wait = optionFit(result, 'wait');
    expect(ids(wait.better)).toEqual(['recovery', 'risk']);
    expect(ids(wait.worse)).toEqual(['pain']);
    expect(ids(wait.same)).toEqual([]);
    expect(ids(wait.unjudged)).toEqual(['cost', 'activity']);
  });

  it('leaves out considerations rated 0 to 2 and ones the patient skipped', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 0, recovery: 1, risk: 2, cost: 4 },
      marks: [],
    });

    expect(ids(result.important)).toEqual(['cost']);
    for (const option of result.options) {
      const listed = [
        ...option.better,
        ...option.worse,
        ...option.same,
        ...option.depends,
        ...option.unjudged,
      ];
      expect(ids(listed)).toEqual(['cost']);
    }
  });

  it('carries the patient’s "this matters to me" marks, without making a row important', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 4, recovery: 3, activity: 2 },
      marks: ['pain', 'activity'],
    });

    expect(result.important.map((c) => [c.id, c.marked])).toEqual([
      ['pain', true],
      ['recovery', false],
    ]);
    expect(optionFit(result, 'surgery').better).toEqual([
      {
        kind: 'row',
        id: 'pain',
        label: 'Having less pain',
        rating: 4,
        marked: true,
        cell: { text: 'See your doctor.', fit: 'better', numbers: [], sourceIds: [] },
        commonDenominator: null,
      },
    ]);
  });

  it('ignores ratings for questions the aid does not have', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { removed: 4, constructor: 4, toString: 3, pain: 3 },
      marks: ['removed'],
    });

    expect(ids(result.important)).toEqual(['pain']);
    expect(optionFit(result, 'wait').worse).toHaveLength(1);
  });

  it('says when nothing was rated important, still listing every option', () => {
    const noneImportant: Record<string, number>[] = [{}, { pain: 2, recovery: 0, risk: 1 }];
    for (const ratings of noneImportant) {
      const result = fitOptions(kneeAid(), { ratings, marks: ['pain'] });

      expect(result.nothingImportant).toBe(true);
      expect(result.important).toEqual([]);
      expect(result.options).toEqual(
        (
          [
            ['surgery', 'Knee surgery'],
            ['physio', 'Physiotherapy'],
            ['wait', 'Wait and see'],
          ] as const
        ).map(([optionId, optionName]) => emptyFit(optionId, optionName)),
      );
    }
  });

  it('names a consideration by its label, else its question, else its place in the aid', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 3, cost: 3, activity: 3 },
      marks: [],
    });

    expect(result.important.map((c) => c.label)).toEqual([
      'Having less pain',
      'How much will it cost me?',
      'Question 5',
    ]);
  });

  it('gives no verdict, even when one option is better on everything', () => {
    const waitBetter: Judgements = { surgery: 'worse', physio: 'worse', wait: 'better' };
    const aid = kneeAid({
      pain: waitBetter,
      recovery: waitBetter,
      risk: waitBetter,
      cost: waitBetter,
      activity: waitBetter,
    });
    const result = fitOptions(aid, {
      ratings: { pain: 4, recovery: 4, risk: 3, cost: 3, activity: 4 },
      marks: ['risk'],
    });

    // The option that is better on everything stays last, where the aid put it.
    expect(result.options.map((o) => o.optionId)).toEqual(['surgery', 'physio', 'wait']);
    expect(optionFit(result, 'wait').better).toHaveLength(5);
    expect(optionFit(result, 'surgery').worse).toHaveLength(5);

    const keys = keysOf(JSON.parse(JSON.stringify(result)));
    expect(keys).toContain('better');
    expect(keys.filter((key) => /score|rank|best|total|verdict/i.test(key))).toEqual([]);
  });
});

describe('fitOptions with the patient’s own concerns', () => {
  const nightShifts = { id: 'own-1', text: 'Being able to keep working night shifts', rating: 4 };

  it('counts an own concern rated important, even when nothing in the aid is', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 1 },
      marks: [],
      ownConcerns: [nightShifts],
      concernFits: {},
    });

    expect(result.nothingImportant).toBe(false);
    expect(result.important).toEqual([
      {
        kind: 'own',
        id: 'own-1',
        label: 'Being able to keep working night shifts',
        rating: 4,
        marked: false,
      },
    ]);
    for (const option of result.options) {
      expect(ids(option.own)).toEqual(['own-1']);
      expect(option.own[0]!.judgement).toBeUndefined();
      expect([...option.better, ...option.worse, ...option.same, ...option.unjudged]).toEqual([]);
    }
  });

  it('puts own concerns among the aid’s, most important first, with the patient’s judgement per option', () => {
    const result = fitOptions(kneeAid(), {
      ratings: { pain: 3, recovery: 4 },
      marks: [],
      ownConcerns: [
        { id: 'own-1', text: 'Night shifts', rating: 4 },
        { id: 'own-2', text: 'My dog', rating: 2 },
        { id: 'own-3', text: 'Driving', rating: 3 },
        { id: 'own-4', text: 'Not rated' },
      ],
      concernFits: {
        'own-1': { surgery: 'harder', wait: 'ask' },
        'own-3': { physio: 'helps' },
        // A judgement for an option the aid does not have is never shown.
        'own-2': { helicopter: 'helps' },
      },
    });

    expect(result.important.map((c) => [c.kind, c.id])).toEqual([
      ['row', 'recovery'],
      ['own', 'own-1'],
      ['row', 'pain'],
      ['own', 'own-3'],
    ]);
    const judged = (optionId: string) =>
      optionFit(result, optionId).own.map((c) => [c.id, c.judgement]);
    expect(judged('surgery')).toEqual([
      ['own-1', 'harder'],
      ['own-3', undefined],
    ]);
    expect(judged('physio')).toEqual([
      ['own-1', undefined],
      ['own-3', 'helps'],
    ]);
    expect(judged('wait')).toEqual([
      ['own-1', 'ask'],
      ['own-3', undefined],
    ]);
  });
});

describe('the evidence beside each judgement', () => {
  function numbered(denominators: { surgery: number; physio: number; wait?: number }) {
    const aid = kneeAid();
    const pain = aid.rows[0]!;
    for (const [optionId, denominator] of Object.entries(denominators)) {
      pain.cells[optionId] = {
        ...pain.cells[optionId]!,
        certainty: optionId === 'wait' ? 'not-known' : 'moderate',
        numbers: [
          {
            outcome: 'have much less pain',
            numerator: 10,
            denominator,
            timeFrame: { value: 1, unit: 'years' },
            referenceClass: 'people like you',
          },
        ],
      };
    }
    return aid;
  }

  it('carries each option’s cell, with its number and certainty, and the total the row shares', () => {
    const result = fitOptions(numbered({ surgery: 100, physio: 100, wait: 100 }), {
      ratings: { pain: 4 },
      marks: [],
    });

    const surgery = optionFit(result, 'surgery').better[0]!;
    expect(surgery.cell.numbers[0]?.denominator).toBe(100);
    expect(surgery.cell.certainty).toBe('moderate');
    expect(surgery.commonDenominator).toBe(100);
    expect(optionFit(result, 'wait').worse[0]!.cell.certainty).toBe('not-known');
  });

  it('gives no shared total when the row’s numbers have different totals: no pictures that do not compare', () => {
    const result = fitOptions(numbered({ surgery: 100, physio: 1000 }), {
      ratings: { pain: 4 },
      marks: [],
    });

    expect(optionFit(result, 'surgery').better[0]!.commonDenominator).toBeNull();
    // Without a number the cell's words are there.
    expect(optionFit(result, 'wait').worse[0]!.cell).toMatchObject({ text: 'See your doctor.' });
  });
});
