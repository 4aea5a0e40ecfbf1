import type { AidContent, Cell, Certainty, Fit, TimeFrame } from '#shared/aid/schema';

/**
 * What the demonstration aids are built from: their cells, their numbers (all out of 100 people)
 * and the authors who say the content is invented.
 */

/** Outcome, how many in 100, the range around it, and over what time. */
export type DemoNumber = [
  outcome: string,
  numerator: number,
  range: [low: number, high: number],
  timeFrame: TimeFrame,
];

/** Numbers about one group of people (`who`), from one source. */
export interface DemoEvidence {
  who: string;
  source: string;
  numbers: DemoNumber[];
}

export function demoCell(
  text: string,
  fit: Fit,
  certainty: Certainty,
  evidence?: DemoEvidence,
): Cell {
  return {
    text,
    fit,
    certainty,
    numbers: (evidence?.numbers ?? []).map(([outcome, numerator, [low, high], timeFrame]) => ({
      outcome,
      numerator,
      denominator: 100,
      timeFrame,
      referenceClass: evidence?.who ?? '',
      range: { low, high },
    })),
    sourceIds: evidence ? [evidence.source] : [],
  };
}

export const demoAuthors: AidContent['authors'] = [
  {
    name: 'Decide Together demonstration team',
    credentials:
      'Software developers, not clinicians. This aid shows how the tool works and is not for clinical use.',
  },
];

export const demoFunding =
  'Made by the Decide Together team as a demonstration. No outside funding.';
