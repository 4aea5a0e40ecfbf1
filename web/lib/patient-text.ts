import type { Certainty } from '#shared/aid';

/**
 * Every piece of interface text a patient reads, in one place: plain words
 * (grade 6 or below, checked by a test) and ready for translation.
 */
export const patientText = {
  demonstrationBanner:
    'This is a demo. It is not for use in real care. The numbers are made up to show how it works.',
  illustrativeNumber: 'Made-up number, for the demo',
  noRightAnswer: 'There is no right answer. The best choice depends on what matters most to you.',
  yourOptions: 'Your options',
  noActionOption: 'Waiting or no treatment',
  comparingOptions: 'The options side by side',
  questionsPeopleAsk: 'Questions people ask',
  question: 'Question',
  numberOutOf: (numerator: number, denominator: number) => `${numerator} out of ${denominator}`,
  range: (low: number, high: number) => `It could be between ${low} and ${high}.`,
  iconArrayLabel: (numerator: number, denominator: number, who: string, timeFrame: string) =>
    `Picture of ${denominator} people. ${numerator} of them are marked. ${who} ${timeFrame}`.trim(),
  sourcesHeading: 'Where this comes from',
  sourceNumber: (n: number) => `Source ${n}`,
  published: (date: string) => `Published ${date}`,
  noDate: 'No date given',
  aboutThisGuide: 'About this guide',
  writtenBy: 'Written by',
  paidForBy: 'Paid for by',
  conflicts: 'Conflicts of interest',
  evidenceChecked: (date: string) => `The facts were last checked on ${date}.`,
  nextCheck: (date: string) => `They will be checked again by ${date}.`,
  howUpdated: 'How we keep it up to date',
  whoFor: 'Who this is for',
  theDecision: 'The choice',
  theCondition: 'About the health problem',
  versionLine: (version: number, date: string) => `Version ${version}, published ${date}`,
  draftLine: 'Draft: not published yet',
  notAnswered: 'Not answered yet',
  /** How sure the evidence is, in words people understand ("certainty" itself is a hard word). */
  certainty: {
    high: 'We are very sure about this.',
    moderate: 'We are fairly sure about this.',
    low: 'We are not very sure about this.',
    'very-low': 'We are not sure about this at all.',
    'not-known': "We don't know. There is no good research on this yet.",
  } satisfies Record<Certainty, string>,
} as const;
