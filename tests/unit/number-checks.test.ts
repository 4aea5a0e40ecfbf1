import { describe, expect, it } from 'vitest';
import { AidContent, type AidContentInput } from '#shared/aid/schema';
import { checkIpdas } from '#shared/checks/ipdas';
import { checkNumbers, checkWording } from '#shared/checks/numbers';

const kinds = (text: string) => checkWording(text).map((issue) => issue.kind);
const excerpts = (text: string) => checkWording(text).map((issue) => issue.excerpt);

describe('checkWording: "1 in X"', () => {
  it('accepts natural frequencies, including "1 in" 10, 100, 1000 or 10000', () => {
    expect(checkWording('About 12 in 100 people like you get an infection.')).toEqual([]);
    expect(checkWording('1 in 100')).toEqual([]);
    expect(checkWording('one in a thousand')).toEqual([]);
    expect(checkWording('1 in 10,000 people')).toEqual([]);
    // Not "1 in 20": the numerator is 11.
    expect(checkWording('11 in 20')).toEqual([]);
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
      'Give the chance with and without treatment, such as "8 in 100 people" and "4 in 100 people".',
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

describe('checkNumbers', () => {
  const frequency = (numerator: number, denominator: number, timeFrame = 'over 10 years') => ({
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
    AidContent.parse({
      title: 'Knee pain',
      condition: '',
      question: 'Should I have a new knee?',
      audience: '',
      language: 'en',
      options: [
        { id: 'surgery', name: 'Knee replacement', description: descriptions[0] },
        { id: 'physio', name: 'Physiotherapy', description: descriptions[1] },
        { id: 'wait', name: 'Wait and see', description: descriptions[2] },
      ],
      rows,
      funding: '',
      conflictsOfInterest: '',
      evidenceMethods: '',
      updatePolicy: '',
    });
  const fine = row('pain', 'Pain', { surgery: { text: 'Most go away.' } });

  it('finds nothing when every row agrees and the words are clear', () => {
    const aid = aidWith([
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100) },
        physio: { text: 'About 1 in 100 people.', number: frequency(1, 100, ' Over 10 Years ') },
        wait: { text: 'No operation, so no wound.' },
      }),
      row('walking', 'Walking', { surgery: { text: '90 in 100 people walk in 6 weeks.' } }),
    ]);
    expect(checkNumbers(aid)).toEqual([]);
  });

  it('flags a row whose numbers use different totals, once, and suggests the most common total', () => {
    const aid = aidWith([
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100) },
        physio: { text: 'About 10 in 1000 people.', number: frequency(10, 1000) },
        wait: { text: 'About 1 in 100 people.', number: frequency(1, 100) },
      }),
      fine,
    ]);
    expect(checkNumbers(aid)).toEqual([
      {
        kind: 'denominator-mismatch',
        pointer: '/rows/0',
        message: 'The numbers in “Chance of infection” use different totals: 100 and 1000.',
        suggestion:
          'Give every number in this row out of 100, for example "1 in 100" rather than "10 in 1000".',
      },
    ]);
  });

  it('says the same as the IPDAS criteria about one row: one rule, two reports', () => {
    const aid = aidWith([
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100) },
        physio: { text: 'About 10 in 1000 people.', number: frequency(10, 1000, 'over 5 years') },
        wait: { text: 'About 1 in 100 people.', number: frequency(1, 100) },
      }),
      fine,
    ]);
    expect(checkNumbers(aid).map((issue) => issue.kind)).toEqual([
      'denominator-mismatch',
      'time-frame-mismatch',
    ]);
    const criteria = checkIpdas(aid);
    const findingOf = (id: string) => criteria.find((criterion) => criterion.id === id);
    // The odd one out is the physiotherapy number, on both counts.
    expect(findingOf('B7')).toMatchObject({
      status: 'missing',
      pointer: '/rows/0/cells/physio/number/denominator',
    });
    expect(findingOf('B6')).toMatchObject({
      status: 'missing',
      pointer: '/rows/0/cells/physio/number/timeFrame',
    });
  });

  it('suggests the largest total when no total is more common', () => {
    const aid = aidWith([
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100) },
        physio: { text: 'About 5 in 1000 people.', number: frequency(5, 1000) },
      }),
      fine,
    ]);
    expect(checkNumbers(aid)[0]?.suggestion).toBe(
      'Give every number in this row out of 1000, for example "20 in 1000" rather than "2 in 100".',
    );
  });

  it('flags a row whose numbers cover different time frames, ignoring case and spaces', () => {
    const aid = aidWith([
      fine,
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100, 'over 10 years') },
        physio: { text: 'About 1 in 100 people.', number: frequency(1, 100, 'Over 10 years ') },
        wait: { text: 'About 1 in 100 people.', number: frequency(1, 100, 'over 5 years') },
      }),
    ]);
    expect(checkNumbers(aid)).toEqual([
      {
        kind: 'time-frame-mismatch',
        pointer: '/rows/1',
        message:
          'The numbers in “Chance of infection” cover different time frames: "over 10 years" and "over 5 years".',
        suggestion:
          'Give every number in this row over the same time frame, such as "over 10 years".',
      },
    ]);
  });

  it('ignores cells without a number in the row checks', () => {
    const aid = aidWith([
      row('infection', 'Chance of infection', {
        surgery: { text: 'About 2 in 100 people.', number: frequency(2, 100) },
        physio: { text: 'About 1 in 100 people.', number: frequency(1, 100) },
        wait: { text: 'No operation, so no wound.' },
      }),
      fine,
    ]);
    expect(checkNumbers(aid)).toEqual([]);
  });

  it('names the row by its question when it has no label', () => {
    const aid = aidWith([
      {
        ...row('infection', '', {
          surgery: { text: '', number: frequency(2, 100) },
          physio: { text: '', number: frequency(1, 1000) },
        }),
        question: 'Could I get an infection?',
      },
      fine,
    ]);
    expect(checkNumbers(aid)[0]?.message).toBe(
      'The numbers in “Could I get an infection?” use different totals: 100 and 1000.',
    );
  });

  it('checks the words of every cell and option description, in aid order', () => {
    const aid = aidWith(
      [
        row('infection', 'Chance of infection', {
          surgery: { text: '1 in 20 people.', number: frequency(5, 100) },
          physio: { text: 'Rare.', number: frequency(1, 1000) },
          wait: { text: 'Twice as likely as with surgery.' },
        }),
        row('pain', 'Pain', {
          wait: { text: 'Pain is common.' },
          surgery: { text: 'Often less pain.' },
        }),
      ],
      ['Most people do well.', '', 'You are unlikely to get worse.'],
    );
    expect(checkNumbers(aid).map(({ kind, pointer, excerpt }) => [kind, pointer, excerpt])).toEqual(
      [
        ['denominator-mismatch', '/rows/0', undefined],
        ['one-in-x', '/rows/0/cells/surgery/text', '1 in 20'],
        ['vague-word', '/rows/0/cells/physio/text', 'Rare'],
        ['relative-risk', '/rows/0/cells/wait/text', 'Twice as likely'],
        ['vague-word', '/rows/1/cells/surgery/text', 'Often'],
        ['vague-word', '/rows/1/cells/wait/text', 'common'],
        ['vague-word', '/options/0/description', 'Most people'],
        ['vague-word', '/options/2/description', 'unlikely'],
      ],
    );
  });
});
