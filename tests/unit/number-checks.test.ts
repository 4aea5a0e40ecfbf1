import { describe, expect, it } from 'vitest';
import type { AidContent, AidContentInput } from '#shared/aid/schema';
import { checkNumbers, checkWording } from '#shared/checks/numbers';
import { bareAid } from '#tests/support/aids';

const kinds = (text: string) => checkWording(text).map((issue) => issue.kind);
const excerpts = (text: string) => checkWording(text).map((issue) => issue.excerpt);

describe('checkWording: "1 in X"', () => {
  it('accepts natural frequencies, including "1 in" 10, 100, 1000 or 10000', () => {
    expect(checkWording('About 12 in 100 people like you get an infection.')).toEqual([]);
    expect(checkWording('1 in 100')).toEqual([]);
    expect(checkWording('one in a thousand')).toEqual([]);
    expect(checkWording('1 in 10,000 people')).toEqual([]);
    // Not "1 in 20", but a total as hard to compare: "11 in 20" is about 55 in 100.
    expect(kinds('11 in 20')).toEqual(['uncommon-total']);
  });

  it.each([
    ['1 in 20', '1 in 20', 'about 5 in 100 people'],
    ['one in twenty people', 'one in twenty', 'about 5 in 100 people'],
    ['a 1-in-50 chance', '1-in-50', 'about 2 in 100 people'],
    ['1 in 3 people', '1 in 3', 'about 33 in 100 people'],
    ['1 in 250', '1 in 250', 'about 4 in 1000 people'],
    ['1 out of every 8 people', '1 out of every 8', 'about 13 in 100 people'],
    ['one in two hundred and fifty', 'one in two hundred and fifty', 'about 4 in 1000 people'],
  ])('flags "%s" and converts it to a natural frequency', (text, excerpt, converted) => {
    expect(checkWording(text)).toEqual([
      {
        kind: 'one-in-x',
        excerpt,
        message: `"${excerpt}" is hard to compare with the other options' numbers.`,
        suggestion: `Say "${converted}" (same total across the row) rather than "${excerpt}".`,
      },
    ]);
  });
});

describe('checkWording: relative risk', () => {
  it.each([
    'You are 3 times more likely to need a second operation.',
    'It makes a fall two times less likely.',
    'Smokers are twice as likely to get an infection.',
    'You are half as likely to have pain.',
    'Smoking doubles the risk of infection.',
    'Exercise halves your chance of a fall.',
    'You are 30% less likely to have a stroke.',
    'It reduces the risk of stroke by 30%.',
    'It lowers your chance by 25 percent.',
    'It gives a 20% lower risk of a fall.',
    'The relative risk is 0.5.',
    'The odds ratio was 2.1.',
  ])('flags "%s"', (text) => {
    const issues = checkWording(text);
    expect(issues.map((issue) => issue.kind)).toEqual(['relative-risk']);
    expect(issues[0]!.suggestion).toBe(
      'Give the chance with and without treatment, such as "8 in 100 people" and "4 in 100 people"; a relative figure may stay beside them.',
    );
  });

  it('quotes the words as written', () => {
    expect(excerpts('It Reduces The Risk of a stroke by 30%.')).toEqual([
      'Reduces The Risk of a stroke by 30%',
    ]);
    expect(excerpts('You are 3 times more likely to need it.')).toEqual(['3 times more likely']);
  });

  it('does not also flag "likely" inside relative-risk wording as a vague word', () => {
    expect(kinds('Twice as likely, or 3 times more likely.')).toEqual([
      'relative-risk',
      'relative-risk',
    ]);
  });

  it('accepts absolute numbers for each option', () => {
    expect(checkWording('8 in 100 people without treatment and 4 in 100 with it.')).toEqual([]);
  });
});

describe('checkWording: vague words', () => {
  it('flags a vague word and suggests a number', () => {
    expect(checkWording('Infection is rare.')).toEqual([
      {
        kind: 'vague-word',
        excerpt: 'rare',
        message: '"rare" means different things to different people.',
        suggestion: 'Give a number instead of "rare", such as "about 1 in 1000 people".',
      },
    ]);
  });

  it('flags "unlikely" once, not also as "likely"', () => {
    expect(excerpts('A second operation is unlikely.')).toEqual(['unlikely']);
  });

  it('flags the longest phrase once, as written', () => {
    expect(excerpts('Very common: swelling. Most People walk again.')).toEqual([
      'Very common',
      'Most People',
    ]);
  });

  it('matches whole words only', () => {
    expect(
      checkWording('The likelihood is 12 in 100. This is commonplace, a rarefied case.'),
    ).toEqual([]);
  });

  it('lists every issue in a text in reading order', () => {
    expect(kinds('Rare, but 1 in 20 are 2 times more likely to often need help.')).toEqual([
      'vague-word',
      'one-in-x',
      'relative-risk',
      'vague-word',
    ]);
  });
});

describe('checkWording: the ways a chance is misread', () => {
  it.each([
    ['4%', 'percentage', 'Say "4 in 100 people" instead.'],
    ['0.04', 'percentage', 'Say "4 in 100 people" instead.'],
    ['2.5 percent', 'percentage', 'Say "about 3 in 100 people" instead.'],
    [
      '2 in 300',
      'uncommon-total',
      'Say "about 7 in 1000 people", out of 100 or 1000 like the other numbers.',
    ],
  ])('flags "%s" as %s and offers a natural frequency', (text, kind, suggestion) => {
    expect(checkWording(`About ${text} of people have a stroke.`)).toMatchObject([
      { kind, suggestion },
    ]);
  });

  it.each([
    ['cuts your risk in half', 'A statin cuts your risk in half.'],
    ['30% fewer people', '30% fewer people have a heart attack.'],
    ['a 30% reduction', 'Statins give a 30% reduction.'],
    ['3-fold', 'The risk is 3-fold higher.'],
    ['a third', 'It lowers the risk by a third.'],
  ])('catches relative-risk wording such as "%s"', (_, text) => {
    expect(kinds(text)).toEqual(['relative-risk']);
  });

  it('accepts a relative figure given beside the absolute numbers', () => {
    expect(
      checkWording(
        '14 in 100 people have a heart attack without it, 10 in 100 with it: 30% fewer people.',
      ),
    ).toEqual([]);
    expect(checkWording('It cuts your risk in half.', { hasAbsolute: true })).toEqual([]);
  });

  it('does not call the number of a relative risk a chance', () => {
    expect(kinds('The relative risk is 0.5.')).toEqual(['relative-risk']);
  });

  it('flags odds and numbers needed to treat', () => {
    expect(kinds('The odds of a stroke are 1 to 4.')).toEqual(['odds']);
    expect(kinds('The number needed to treat is 50.')).toEqual(['number-needed-to-treat']);
    expect(kinds('The NNT is 50.')).toEqual(['number-needed-to-treat']);
  });

  it('flags "very unusual" but not "most likely"', () => {
    expect(excerpts('A serious side effect is very unusual.')).toEqual(['very unusual']);
    expect(checkWording('The most likely result is less pain.')).toEqual([]);
  });

  it('leaves measures that are not chances alone', () => {
    expect(checkWording('Take 2.5 mg a day for 6 weeks. Walk 1.5 miles.')).toEqual([]);
  });
});

describe('checkNumbers', () => {
  const TEN_YEARS = { value: 10, unit: 'years' } as const;
  const frequency = (
    numerator: number,
    denominator = 100,
    timeFrame: { value: number; unit: 'years' | 'months' } = TEN_YEARS,
  ) => ({
    outcome: 'have a heart attack or stroke',
    numerator,
    denominator,
    timeFrame,
    referenceClass: 'people like you',
  });
  type RowInput = AidContentInput['rows'][number];
  const row = (id: string, label: string, cells: RowInput['cells']): RowInput => ({
    id,
    question: `What about ${id}?`,
    label,
    kind: 'harm',
    cells,
  });
  const aidWith = (rows: RowInput[], descriptions: [string, string, string] = ['', '', '']) =>
    bareAid({
      title: 'Statins',
      question: 'Should I take a statin?',
      options: [
        { id: 'statin', name: 'Statin', description: descriptions[0] },
        { id: 'lifestyle', name: 'Lifestyle changes', description: descriptions[1] },
        { id: 'none', name: 'No statin', description: descriptions[2] },
      ],
      rows: [...rows, row('visits', 'Visits', { statin: { text: 'A yearly blood test.' } })],
    });
  const kindsAt = (aid: AidContent) =>
    checkNumbers(aid).issues.map(({ kind, pointer, excerpt }) => [kind, pointer, excerpt]);

  it('finds nothing when the words and the numbers agree, and says what it read', () => {
    const aid = aidWith([
      row('heart', 'Heart attack or stroke', {
        statin: { text: 'About 10 in 100 people have one.', numbers: [frequency(10)] },
        lifestyle: { text: 'About 12 in 100 people have one.', numbers: [frequency(12)] },
        none: { text: 'About 14 in 100 people have one.', numbers: [frequency(14)] },
      }),
    ]);
    expect(checkNumbers(aid)).toEqual({ issues: [], read: { structured: 3, inText: 3 } });
  });

  it('reads nothing in an aid without numbers, so it never claims totals were compared', () => {
    const aid = aidWith([row('cost', 'Cost', { statin: { text: 'A prescription charge.' } })]);
    expect(checkNumbers(aid).read).toEqual({ structured: 0, inText: 0 });
  });

  it('flags words that contradict the cell’s own number', () => {
    const aid = aidWith([
      row('heart', 'Heart attack or stroke', {
        statin: { text: 'About 4 in 100 people have one.', numbers: [frequency(10)] },
        lifestyle: { text: 'About 12% of people have one.', numbers: [frequency(12)] },
        none: { text: 'About 20% have one.', numbers: [frequency(14)] },
      }),
    ]);
    expect(kindsAt(aid)).toEqual([
      ['contradicts-number', '/rows/0/cells/statin/text', '4 in 100'],
      ['percentage', '/rows/0/cells/lifestyle/text', '12%'],
      ['percentage', '/rows/0/cells/none/text', '20%'],
      ['contradicts-number', '/rows/0/cells/none/text', '20%'],
    ]);
  });

  it('accepts words inside the number’s range', () => {
    const aid = aidWith([
      row('heart', 'Heart attack or stroke', {
        statin: {
          text: 'Between 8 in 100 and 12 in 100 people.',
          numbers: [{ ...frequency(10), range: { low: 8, high: 12 } }],
        },
      }),
    ]);
    expect(kindsAt(aid)).toEqual([]);
  });

  it('flags a row whose words use other totals or time frames than its numbers', () => {
    const aid = aidWith([
      row('heart', 'Heart attack or stroke', {
        statin: { text: 'Over 10 years, 10 in 100 people.', numbers: [frequency(10)] },
        lifestyle: { text: 'Over 5 years, 2 in 300 people.' },
        none: { text: '14 in 100 people.', numbers: [frequency(14)] },
      }),
    ]);
    expect(kindsAt(aid)).toEqual([
      ['uncommon-total', '/rows/0/cells/lifestyle/text', '2 in 300'],
      ['denominator-mismatch', '/rows/0', undefined],
      ['time-frame-mismatch', '/rows/0', undefined],
    ]);
  });

  it('counts 12 months and 1 year as the same time frame', () => {
    const aid = aidWith([
      row('muscle', 'Muscle pain', {
        statin: {
          text: 'In 12 months, 5 in 100 people.',
          numbers: [frequency(5, 100, { value: 1, unit: 'years' })],
        },
        none: {
          text: 'In one year, 4 in 100 people.',
          numbers: [frequency(4, 100, { value: 12, unit: 'months' })],
        },
      }),
    ]);
    expect(kindsAt(aid)).toEqual([]);
  });

  it('flags an option with only words on a row where the others give numbers', () => {
    const aid = aidWith([
      row('diabetes', 'Diabetes', {
        statin: { text: 'About 2 in 100 more people get diabetes.', numbers: [frequency(2)] },
        lifestyle: { text: 'Very unusual.' },
        none: { text: 'About 1 in 100 people.', numbers: [frequency(1)] },
      }),
    ]);
    const issues = checkNumbers(aid).issues;
    expect(issues.map((issue) => issue.kind)).toEqual(['vague-word', 'number-and-words']);
    expect(issues[1]).toMatchObject({
      pointer: '/rows/0/cells/lifestyle/text',
      excerpt: 'Very unusual',
      message:
        'Lifestyle changes on “Diabetes” gives only words ("Very unusual"), while Statin and No statin give numbers.',
    });
  });

  it('accepts relative wording in a cell that gives its absolute number', () => {
    const aid = aidWith([
      row('heart', 'Heart attack or stroke', {
        statin: { text: 'It cuts your risk in half.', numbers: [frequency(7)] },
        none: { text: 'No change.', numbers: [frequency(14)] },
      }),
    ]);
    expect(kindsAt(aid)).toEqual([]);
  });

  it('reads every patient-facing text, in aid order', () => {
    const aid = aidWith(
      [
        row('heart', 'Heart attack or stroke', {
          statin: { text: '4%.', numbers: [frequency(4)] },
          lifestyle: { text: 'Rare.', numbers: [frequency(1, 1000)] },
          none: { text: 'Twice as likely as with a statin.' },
        }),
      ],
      ['Most people do well.', '', 'You are unlikely to get worse.'],
    );
    expect(kindsAt(aid)).toEqual([
      ['vague-word', '/options/0/description', 'Most people'],
      ['vague-word', '/options/2/description', 'unlikely'],
      ['percentage', '/rows/0/cells/statin/text', '4%'],
      ['vague-word', '/rows/0/cells/lifestyle/text', 'Rare'],
      ['relative-risk', '/rows/0/cells/none/text', 'Twice as likely'],
      ['number-and-words', '/rows/0/cells/none/text', undefined],
    ]);
  });
});
