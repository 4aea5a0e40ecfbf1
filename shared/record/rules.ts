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
  others: 200,
} as const;

/**
 * The rating scale in words, 0 to 4, as patients choose from it and as
 * records, PDFs and FHIR exports say it.
 */
export const ratingLabels = [
  "Doesn't matter to me",
  'Matters a little',
  'Matters some',
  'Matters quite a lot',
  'Matters a lot',
] as const;

/** A rating of 3 or 4 ("matters quite a lot", "matters a lot") counts as important. */
export const IMPORTANT_RATING = 3;

/** The SURE test (Légaré et al. 2010; © O'Connor & Légaré): yes = 1, no = 0. */
export const sureItems = ['sure', 'understand', 'riskBenefit', 'encouragement'] as const;
export type SureItem = (typeof sureItems)[number];

/**
 * The SURE questions in the validated instrument's own English words (Légaré et
 * al. 2010), as patients read them and as their record repeats them to
 * clinicians. Not reworded: a reworded item is no longer the validated test.
 */
export const sureQuestions: Record<SureItem, string> = {
  sure: 'Do you feel sure about the best choice for you?',
  understand: 'Do you know the benefits and risks of each option?',
  riskBenefit: 'Are you clear about which benefits and risks matter most to you?',
  encouragement: 'Do you have enough support and advice to make a choice?',
};

/** The instrument's own names for its four items, the letters of SURE: short enough for a glance. */
export const sureItemNames: Record<SureItem, string> = {
  sure: 'Sure of myself',
  understand: 'Understand information',
  riskBenefit: 'Risk–benefit ratio',
  encouragement: 'Encouragement',
};

/** Where the SURE test comes from, said wherever it is used. */
export const SURE_ATTRIBUTION = "SURE test © O'Connor & Légaré (Légaré et al., 2010).";

export const NOT_SURE = 'not-sure';

/**
 * The patient's own judgement of how an option fits a concern of their own:
 * it helps, it makes it harder, or they don't know and want to ask.
 */
export const ownFits = ['helps', 'harder', 'ask'] as const;
export type OwnFit = (typeof ownFits)[number];

/**
 * How the patient wants to decide (as the Ottawa Personal Decision Guide asks
 * first): the role they prefer, whether anyone is pressing them, and by when.
 */
export const decisionRoles = ['myself', 'together', 'clinician'] as const;
export type DecisionRole = (typeof decisionRoles)[number];
export const pressureAnswers = ['no', 'yes', 'unsure'] as const;
export type PressureAnswer = (typeof pressureAnswers)[number];
export const decisionTimings = ['days', 'weeks', 'months', 'no-rush', 'unknown'] as const;
export type DecisionTiming = (typeof decisionTimings)[number];

/** How the patient wants to decide, in words for the clinician, the PDF and FHIR. */
export const howToDecideWords = {
  role: {
    myself: 'Wants to decide themselves, after hearing the options',
    together: 'Wants to decide together with the clinician',
    clinician: 'Wants to leave the decision to the clinician',
  } satisfies Record<DecisionRole, string>,
  pressure: {
    no: 'No one is pressing them',
    yes: 'Someone is pressing them to choose',
    unsure: 'Not sure whether someone is pressing them',
  } satisfies Record<PressureAnswer, string>,
  timing: {
    days: 'Needs to decide within days',
    weeks: 'Needs to decide within weeks',
    months: 'Needs to decide within months',
    'no-rush': 'No rush to decide',
    unknown: 'Does not know when they need to decide',
  } satisfies Record<DecisionTiming, string>,
};

/** The patient's judgement in words, as the consult view, the PDF and FHIR say it. */
export const ownFitWords: Record<OwnFit, string> = {
  helps: 'Helps with this',
  harder: 'Makes this harder',
  ask: "I don't know — ask",
};

/** The patient's steps, in order; each is a page of its own, `/patient/{name}`. */
export const stepNames = [
  'decision',
  'options',
  'values',
  'leaning',
  'sure',
  'questions',
  'summary',
] as const;
export type StepName = (typeof stepNames)[number];

export const STEP_COUNT = stepNames.length;

/** A step's place, 1 to STEP_COUNT. */
export const stepNumber = (step: StepName) => stepNames.indexOf(step) + 1;

/** A step's page, by its name or its place (clamped to the steps there are). */
export function stepPath(step: StepName | number): string {
  const name =
    typeof step === 'number' ? stepNames[Math.min(Math.max(step, 1), STEP_COUNT) - 1] : step;
  return `/patient/${name}`;
}

/** The SURE score: the number of "yes" answers, once all four are answered. */
export function sureScore(sure: Partial<Record<SureItem, boolean>>): number | null {
  const answers = sureItems.map((item) => sure[item]);
  if (answers.some((a) => a === undefined)) return null;
  return answers.filter(Boolean).length;
}

/** A total of 3 or less signals decisional conflict (Légaré et al. 2010). */
export const SURE_CONFLICT_THRESHOLD = 3;
