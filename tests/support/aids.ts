import { AidContent, type AidContentInput } from '#shared/aid/schema';
import { aidLimits } from '#shared/aid/limits';

/** A complete aid that every required check passes: two options, a benefit and a harm with numbers, metadata. */
export function publishableAid(overrides: Partial<AidContentInput> = {}): AidContent {
  /** One cell: the benefit (feeling better, over 6 months) or the harm (a rash, over 1 month). */
  const cell = (
    benefit: boolean,
    text: string,
    numerator: number,
    range: { low: number; high: number },
    certainty: 'moderate' | 'low',
    fit: 'better' | 'worse',
  ) => ({
    text,
    numbers: [
      {
        outcome: benefit ? 'feel better' : 'get a rash',
        numerator,
        denominator: 100,
        timeFrame: benefit ? { value: 6, unit: 'months' } : { value: 1, unit: 'months' },
        referenceClass: 'people like you',
        range,
      },
    ],
    certainty,
    sourceIds: ['s1'],
    fit,
  });
  const cells = (benefit: boolean) => ({
    a: benefit
      ? cell(
          true,
          'About 30 in 100 people feel better after 6 months.',
          30,
          { low: 20, high: 40 },
          'moderate',
          'better',
        )
      : cell(
          false,
          'About 5 in 100 people get a rash.',
          5,
          { low: 2, high: 8 },
          'moderate',
          'worse',
        ),
    b: benefit
      ? cell(
          true,
          'About 10 in 100 people feel better after 6 months.',
          10,
          { low: 5, high: 15 },
          'low',
          'worse',
        )
      : cell(false, 'No one gets a rash from waiting.', 0, { low: 0, high: 1 }, 'low', 'better'),
  });
  return AidContent.parse({
    title: 'Itchy skin: what can I do?',
    condition: 'Eczema makes the skin dry, itchy and sore.',
    question: 'Should I use a steroid cream?',
    audience: 'Adults with eczema on the hands.',
    language: 'en',
    options: [
      {
        id: 'a',
        name: 'Steroid cream',
        description: 'Put a thin layer on the sore skin once a day for 2 weeks.',
      },
      {
        id: 'b',
        name: 'Wait and see',
        description: 'Keep using a plain moisturiser and see how it goes.',
        isNoAction: true,
      },
    ],
    rows: [
      {
        id: 'better',
        question: 'Will my skin get better?',
        label: 'Getting better',
        kind: 'benefit',
        cells: cells(true),
      },
      {
        id: 'rash',
        question: 'What side effects could I get?',
        label: 'Avoiding side effects',
        kind: 'harm',
        cells: cells(false),
      },
      {
        id: 'life',
        question: 'How will it affect my day?',
        label: 'Less fuss each day',
        kind: 'physical',
        cells: {
          a: { text: 'You spend 2 minutes a day on it.', certainty: 'high', fit: 'worse' },
          b: { text: 'Nothing changes in your day.', certainty: 'high', fit: 'better' },
        },
      },
    ],
    sources: [
      { id: 's1', citation: 'Test source for the test suite; not a real study.', date: '2024' },
    ],
    authors: [{ name: 'Test Author', credentials: 'Dermatologist' }],
    funding: 'No outside funding.',
    conflictsOfInterest: 'None.',
    evidenceMethods: 'A test fixture.',
    evidenceReviewedOn: '2026-01-01',
    reviewBy: '2027-01-01',
    updatePolicy: 'Reviewed every year.',
    ...overrides,
  });
}

/**
 * An aid with nothing but the given fields: every other text is blank (and the language English),
 * so checks of words and numbers read only what the test wrote.
 */
export function bareAid(
  fields: Pick<AidContentInput, 'options' | 'rows'> & Partial<AidContentInput>,
): AidContent {
  return AidContent.parse({
    title: '',
    condition: '',
    question: '',
    audience: '',
    language: 'en',
    funding: '',
    conflictsOfInterest: '',
    evidenceMethods: '',
    updatePolicy: '',
    ...fields,
  });
}

/** An aid with every list and text at its limit, in plain ASCII. */
export function largestAid(): AidContent {
  const text = (length: number) => 'a'.repeat(length);
  const options = Array.from({ length: aidLimits.options.max }, (_, i) => ({
    id: `o${i}`,
    name: text(aidLimits.optionName),
    description: text(aidLimits.optionDescription),
  }));
  const sources = Array.from({ length: aidLimits.sources }, (_, i) => ({
    id: `s${i}`,
    citation: text(aidLimits.citation),
    url: `https://example.org/${text(aidLimits.url - 30)}`,
    doi: '10.1000/xyz123',
    pmid: '12345678',
    date: '2024-01-01',
  }));
  return AidContent.parse({
    ...publishableAid(),
    title: text(aidLimits.title),
    condition: text(aidLimits.condition),
    question: text(aidLimits.question),
    audience: text(aidLimits.audience),
    options,
    sources,
    authors: Array.from({ length: aidLimits.authors }, () => ({
      name: text(aidLimits.authorName),
      credentials: text(aidLimits.credentials),
    })),
    rows: Array.from({ length: aidLimits.rows.max }, (_, r) => ({
      id: `r${r}`,
      question: text(aidLimits.rowQuestion),
      label: text(aidLimits.rowLabel),
      kind: 'benefit',
      cells: Object.fromEntries(
        options.map((o) => [
          o.id,
          {
            text: text(aidLimits.cellText),
            // Four numbers at full length in all 120 cells would pass the byte limit (the
            // schema then says so); two keep the largest aid inside it.
            numbers: Array.from({ length: 2 }, () => ({
              outcome: text(aidLimits.outcome),
              numerator: 1,
              denominator: 100,
              timeFrame: { value: aidLimits.timeFrameValue, unit: 'years' },
              referenceClass: text(aidLimits.referenceClass),
              range: { low: 0, high: 2 },
            })),
            certainty: 'moderate',
            fit: 'same',
            sourceIds: sources.slice(0, aidLimits.sourcesPerCell).map((s) => s.id),
          },
        ]),
      ),
    })),
    funding: text(aidLimits.funding),
    conflictsOfInterest: text(aidLimits.conflictsOfInterest),
    evidenceMethods: text(aidLimits.evidenceMethods),
    updatePolicy: text(aidLimits.updatePolicy),
  });
}
