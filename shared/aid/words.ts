import type { Certainty, Fit, RowKind, TestTopic } from './schema';

/**
 * How the aid's coded values read to authors. Patients' wording lives in the
 * web app's patient text catalogue.
 */
export const certaintyLevels: Record<Certainty, string> = {
  high: 'High',
  moderate: 'Moderate',
  low: 'Low',
  'very-low': 'Very low',
  'not-known': 'Not known (no good evidence)',
};

export const fitWords: Record<Fit, string> = {
  better: 'Better than the other options',
  same: 'About the same as the others',
  worse: 'Worse than the other options',
  depends: 'It depends on the person',
};

export const rowKindWords: Record<RowKind, string> = {
  benefit: 'Benefit',
  harm: 'Harm or risk',
  practical: 'Practical matter',
  physical: 'Physical effect on daily life',
  psychological: 'How it may feel',
  social: 'Effect on family, work and social life',
};

export const testTopicWords: Record<TestTopic, string> = {
  'what-it-measures': 'What the test measures',
  'if-positive': 'What happens if the result is positive',
  'if-negative': 'What happens if the result is negative',
  overdetection: 'Finding problems that would never cause harm',
  'false-positives': 'False positive results',
  'false-negatives': 'False negative results',
};
