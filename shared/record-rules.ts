import type { SureAnswers } from './record';

/**
 * The record's rules that patient pages need in the browser, without zod: a
 * phone on a slow network downloads only these.
 */
export const recordLimits = {
  ownConcerns: 5,
  ownConcern: 200,
  worries: 1000,
  questions: 2000,
  readElsewhereNote: 1000,
  link: 500,
} as const;

/** A rating of 3 or 4 ("matters quite a lot", "matters a lot") counts as important. */
export const IMPORTANT_RATING = 3;

/** The SURE test (Légaré et al. 2010; © O'Connor & Légaré): yes = 1, no = 0. */
export const sureItems = ['sure', 'understand', 'riskBenefit', 'encouragement'] as const;
export type SureItem = (typeof sureItems)[number];

export const NOT_SURE = 'not-sure';

export const STEP_COUNT = 7;

/** The SURE score: the number of "yes" answers, once all four are answered. */
export function sureScore(sure: SureAnswers): number | null {
  const answers = sureItems.map((item) => sure[item]);
  if (answers.some((a) => a === undefined)) return null;
  return answers.filter(Boolean).length;
}

/** A total of 3 or less signals decisional conflict (Légaré et al. 2010). */
export const SURE_CONFLICT_THRESHOLD = 3;
