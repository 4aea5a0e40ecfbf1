import type { AttestationStep, Certainty, Fit, RowKind, TestTopic } from './schema';

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

/**
 * The development steps the authors confirm (IPDAS B12–B17), in order: what
 * the editor asks, and how the guide tells patients it was done.
 */
export const ATTESTATION_STEPS: ReadonlyArray<{
  step: AttestationStep;
  id: string;
  /** What the author confirms. */
  title: string;
  /** What the detail should say, as an example. */
  example: string;
}> = [
  {
    step: 'patientNeeds',
    id: 'B12',
    title: 'Patients’ needs were found out while making it',
    example: '12 people facing this choice were interviewed in 2025.',
  },
  {
    step: 'clinicianNeeds',
    id: 'B13',
    title: 'Clinicians’ needs were found out while making it',
    example: '6 GPs and 2 nurses said what they needed in a workshop.',
  },
  {
    step: 'reviewedByPatients',
    id: 'B14',
    title: 'Patients not involved in making it reviewed it',
    example: '5 patients from the clinic’s panel read a draft and commented.',
  },
  {
    step: 'reviewedByExperts',
    id: 'B15',
    title: 'Clinicians or experts not involved in making it reviewed it',
    example: 'Two cardiologists from another hospital checked the numbers.',
  },
  {
    step: 'fieldTestedWithPatients',
    id: 'B16',
    title: 'Tested with patients facing the decision',
    example: '20 patients used it before their appointment; most found it clear.',
  },
  {
    step: 'fieldTestedWithClinicians',
    id: 'B17',
    title: 'Tested with clinicians who counsel patients',
    example: '4 clinicians used it in real consultations for a month.',
  },
];
