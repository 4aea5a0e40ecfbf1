import { describe, expect, it } from 'vitest';
import { AidExport, AidUpdate } from '#shared/aid/aids';
import { AidContent } from '#shared/aid/schema';
import { readTimeFrame, timeFrameKey } from '#shared/aid/time-frames';
import { upgradeAidContent } from '#shared/aid/upgrade';
import { numberSentence } from '#shared/aid/number-words';
import { runChecks } from '#shared/checks/checks';
import { checkIpdas, publishBlockers } from '#shared/checks/ipdas';
import { publishableAid } from '#tests/support/aids';
import { demoStatinsContent } from '#functions/dev/demo-statins';

const TODAY = '2026-11-26';
const statusOf = (aid: AidContent, id: string) =>
  checkIpdas(aid, { today: TODAY }).find((result) => result.id === id);
const changed = (change: (aid: AidContent) => void, base = publishableAid()) => {
  const aid = structuredClone(base);
  change(aid);
  return aid;
};

describe('numbers that say what happens', () => {
  it('say both sides: who, what happens, over how long, and how many do not', () => {
    expect(
      numberSentence({
        outcome: 'have a heart attack or stroke',
        numerator: 14,
        denominator: 100,
        timeFrame: { value: 10, unit: 'years' },
        referenceClass: 'people like you who take a statin',
      }),
    ).toBe(
      '14 out of 100 people like you who take a statin have a heart attack or stroke over 10 years; 86 do not.',
    );
  });

  it('compare time frames by length: 1 year, one year and 12 months are equal', () => {
    const oneYear = readTimeFrame('1 year');
    expect(oneYear).toEqual({ value: 1, unit: 'years' });
    expect(timeFrameKey(readTimeFrame('one year'))).toBe(timeFrameKey(oneYear));
    expect(timeFrameKey(readTimeFrame('12 months'))).toBe(timeFrameKey(oneYear));
    expect(timeFrameKey(readTimeFrame('after 2 weeks'))).toBe(
      timeFrameKey(readTimeFrame('14 days')),
    );
    expect(timeFrameKey(readTimeFrame('4 weeks'))).not.toBe(timeFrameKey(readTimeFrame('1 month')));
    expect(readTimeFrame('in the first weeks after surgery')).toBeUndefined();
  });

  it('cap the numbers in a cell and the length of an outcome, each with its message', () => {
    const number = publishableAid().rows[0]!.cells['a']!.numbers[0]!;
    const tooMany = changed((aid) => {
      aid.rows[0]!.cells['a']!.numbers = Array.from({ length: 5 }, () => number);
    });
    expect(AidContent.safeParse(tooMany).error?.issues[0]?.message).toBe(
      'Give at most 4 numbers in one answer',
    );
    const longOutcome = changed((aid) => {
      aid.rows[0]!.cells['a']!.numbers[0]!.outcome = 'x'.repeat(151);
    });
    expect(AidContent.safeParse(longOutcome).error?.issues[0]?.message).toBe(
      'Keep what happens to 150 characters or fewer',
    );
  });

  it('make a number without its outcome a check, not a crash', () => {
    const aid = changed((draft) => {
      draft.rows[0]!.cells['a']!.numbers[0]!.outcome = '';
    });
    const outcome = statusOf(aid, 'C5-outcome');
    expect(outcome).toMatchObject({
      status: 'missing',
      requiredToPublish: true,
      pointer: '/rows/0/cells/a/numbers/0/outcome',
    });
  });
});

describe('content saved in the old shape', () => {
  const oldCell = {
    text: 'About 30 in 100 people feel better.',
    number: {
      numerator: 30,
      denominator: 100,
      timeFrame: 'after 6 months',
      referenceClass: 'people like you',
    },
    sourceIds: ['s1'],
  };
  const oldContent = () => {
    const content = structuredClone(publishableAid()) as unknown as Record<string, unknown>;
    const rows = content['rows'] as Array<{ cells: Record<string, unknown> }>;
    rows[0]!.cells['a'] = oldCell;
    rows[0]!.cells['b'] = {
      ...oldCell,
      number: { ...oldCell.number, timeFrame: 'in the first weeks' },
    };
    content['attestations'] = { patientsInvolved: true, externallyReviewed: false };
    return content;
  };

  it('opens in today’s shape, nothing lost', () => {
    const upgraded = AidContent.parse(upgradeAidContent(oldContent()));
    expect(upgraded.rows[0]!.cells['a']!.numbers).toEqual([
      {
        outcome: '',
        numerator: 30,
        denominator: 100,
        timeFrame: { value: 6, unit: 'months' },
        referenceClass: 'people like you',
      },
    ]);
    // Words that are no single length of time stay with the number, beside who it is about.
    expect(upgraded.rows[0]!.cells['b']!.numbers[0]).toMatchObject({
      referenceClass: 'people like you in the first weeks',
    });
    expect(upgraded.rows[0]!.cells['b']!.numbers[0]!.timeFrame).toBeUndefined();
    expect(upgraded.attestations.patientNeeds).toEqual({ done: true, detail: '' });
    expect(upgraded.attestations.reviewedByExperts).toEqual({ done: false, detail: '' });
  });

  it('keeps the numbers an API client still sends in the old shape, rather than drop them', () => {
    const update = AidUpdate.parse({ content: oldContent(), revision: 3 });
    expect(update.content.rows[0]!.cells['a']!.numbers[0]).toMatchObject({
      numerator: 30,
      timeFrame: { value: 6, unit: 'months' },
    });
  });

  it('leaves content already in today’s shape as it is', () => {
    const today = publishableAid();
    expect(upgradeAidContent(structuredClone(today))).toEqual(today);
  });

  it('imports a file of format 1, upgraded; and refuses a newer format with a clear message', () => {
    const file = {
      format: 'decide-together/aid',
      formatVersion: 1,
      content: oldContent(),
    };
    const read = AidExport.parse(file);
    expect(read.formatVersion).toBe(2);
    expect(read.content.rows[0]!.cells['a']!.numbers[0]!.timeFrame).toEqual({
      value: 6,
      unit: 'months',
    });
    expect(AidExport.safeParse({ ...file, formatVersion: 3 }).error?.issues[0]?.message).toBe(
      'This file was made by a newer version of Decide Together',
    );
  });
});

describe('IPDAS checks of substance', () => {
  /** The aid that used to publish with no blocker: a one-letter condition, a verdict, "None.", no sources, odd dates. */
  const junkAid = () =>
    changed((draft) => {
      draft.condition = 'x';
      draft.rows[0]!.cells['a']!.text = 'Saves lives. Strongly recommended by experts.';
      draft.rows[1]!.cells['a']!.text = 'None.';
      draft.sources = [];
      for (const row of draft.rows)
        for (const cell of Object.values(row.cells)) cell.sourceIds = [];
      draft.evidenceReviewedOn = '1999-01-01';
      draft.reviewBy = '2099-01-01';
    });

  it('blocks the junk aid from publishing, and says why', () => {
    const results = checkIpdas(junkAid(), { today: TODAY });
    expect(publishBlockers(results).map((result) => result.id)).toEqual(['Q1', 'C1-neutral', 'C2']);
    const missing = results.filter((r) => r.status === 'missing').map((r) => r.id);
    expect(missing).toEqual(expect.arrayContaining(['Q5-substance', 'C3-C4-dates']));
    expect(results.find((r) => r.id === 'C1-neutral')?.explanation).toContain(
      '“Strongly recommended by”',
    );
  });

  it('flags directive wording wherever a patient reads it', () => {
    for (const words of [
      'We recommend surgery.',
      'You should take it.',
      'It is the best choice.',
    ]) {
      const aid = changed((draft) => (draft.options[0]!.description = words));
      expect(statusOf(aid, 'C1-neutral')).toMatchObject({
        status: 'missing',
        pointer: '/options/0/description',
      });
    }
    expect(statusOf(publishableAid(), 'C1-neutral')?.status).toBe('met');
  });

  it('warns on a benefit or harm cell of “None”, “N/A” or “-”', () => {
    for (const text of ['None.', 'N/A', '-', 'n/a']) {
      const aid = changed((draft) => (draft.rows[1]!.cells['b']!.text = text));
      expect(statusOf(aid, 'Q5-substance')).toMatchObject({
        status: 'missing',
        requiredToPublish: false,
        pointer: '/rows/1/cells/b/text',
      });
    }
    expect(statusOf(publishableAid(), 'Q5-substance')?.status).toBe('met');
  });

  it('asks for at least one source, and a source for a number written only in the words', () => {
    const noSources = changed((draft) => {
      draft.sources = [];
      for (const row of draft.rows)
        for (const cell of Object.values(row.cells)) cell.sourceIds = [];
    });
    expect(statusOf(noSources, 'C2')?.explanation).toContain('No source is listed.');
    const wordsOnly = changed((draft) => {
      draft.rows[2]!.cells['a']!.text = 'About 4 in 100 people find it takes too long.';
    });
    expect(statusOf(wordsOnly, 'C2')).toMatchObject({
      status: 'missing',
      pointer: '/rows/2/cells/a/sourceIds',
    });
    expect(statusOf(wordsOnly, 'C2')?.explanation).toContain('says “4 in 100” but cites no source');
  });

  it('warns about an evidence date in the future or a review-by date over 3 years after it', () => {
    const future = changed((draft) => (draft.evidenceReviewedOn = '2027-05-01'));
    expect(statusOf(future, 'C3-C4-dates')?.explanation).toContain('is in the future');
    const farOff = changed((draft) => {
      draft.evidenceReviewedOn = '2026-01-01';
      draft.reviewBy = '2029-06-01';
    });
    expect(statusOf(farOff, 'C3-C4-dates')?.explanation).toContain('more than 3 years after');
    expect(statusOf(publishableAid(), 'C3-C4-dates')?.status).toBe('met');
  });

  it('tells the authors once the review-by date has passed', () => {
    const aid = changed((draft) => (draft.reviewBy = '2026-11-01'));
    expect(statusOf(aid, 'C4-due')).toMatchObject({ status: 'missing', pointer: '/reviewBy' });
    expect(statusOf(aid, 'C4-due')?.explanation).toContain(
      'asks you to confirm it is still current',
    );
    expect(checkIpdas(aid, { today: '2026-10-01' }).find((r) => r.id === 'C4-due')?.status).toBe(
      'met',
    );
  });

  it('meets B8 only where a picture is drawn, and says why not above 1,000 people', () => {
    expect(statusOf(publishableAid(), 'B8')?.status).toBe('met');
    const dense = changed((draft) => {
      const number = draft.rows[0]!.cells['a']!.numbers[0]!;
      Object.assign(number, { numerator: 3000, denominator: 10_000, range: undefined });
    });
    expect(statusOf(dense, 'B8')).toMatchObject({
      status: 'missing',
      pointer: '/rows/0/cells/a/numbers/0/denominator',
    });
    expect(statusOf(dense, 'B8')?.explanation).toContain('too dense to read');
  });

  it('reports the aid’s reading grade for B21, and English only', () => {
    expect(statusOf(publishableAid(), 'B21')?.explanation).toMatch(
      /reads at about grade \d+; publishing stores this/,
    );
    const spanish = changed((draft) => (draft.language = 'es'));
    expect(statusOf(spanish, 'B21')).toMatchObject({
      status: 'not-applicable',
      explanation: 'The reading level is measured for English only.',
    });
  });

  it('says what it read, so the panel never claims unchecked numbers agree', () => {
    expect(runChecks(publishableAid()).numbersRead).toEqual({ structured: 4, inText: 3 });
  });
});

describe('the second demonstration aid', () => {
  const checks = runChecks(AidContent.parse(demoStatinsContent));

  it('has three options, one of them no treatment, and six questions of every kind', () => {
    expect(demoStatinsContent.options).toHaveLength(3);
    expect(demoStatinsContent.options.filter((option) => option.isNoAction)).toHaveLength(1);
    expect(demoStatinsContent.rows).toHaveLength(6);
    expect(new Set(demoStatinsContent.rows.map((row) => row.kind))).toEqual(
      new Set(['benefit', 'harm', 'practical', 'psychological', 'social']),
    );
  });

  it('meets every qualifying and certification criterion, and has nothing to fix in its numbers', () => {
    const unmet = checks.ipdas.filter(
      (criterion) => criterion.level !== 'quality' && criterion.status === 'missing',
    );
    expect(unmet).toEqual([]);
    expect(checks.numbers).toEqual([]);
    expect(checks.readability.aboveTarget).toEqual([]);
  });

  it('gives every number its outcome, time frame and range, from an invented source it says is invented', () => {
    const numbers = demoStatinsContent.rows.flatMap((row) =>
      Object.values(row.cells).flatMap((cell) => cell.numbers),
    );
    expect(numbers.length).toBeGreaterThanOrEqual(12);
    for (const n of numbers) {
      expect(n.outcome).not.toBe('');
      expect(n.timeFrame).toBeDefined();
      expect(n.range).toBeDefined();
    }
    for (const source of demoStatinsContent.sources) {
      expect(source.citation).toContain('not a real study');
    }
  });
});
