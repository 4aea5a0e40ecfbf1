/** The decision's limits and its "not decided yet" choice: read by the schemas and by pages, without zod. */
export const decisionLimits = {
  nextStep: 300,
  notes: 4000,
  openQuestions: 10,
  openQuestion: 300,
  followUp: 500,
  participants: 300,
  reason: 1000,
  patientComment: 1000,
  /** Each is an item of its own (ADR 13); fifty corrections mean a new decision is due. */
  amendments: 50,
} as const;

/** The choice "not decided yet": a next step and a date instead of an option. */
export const NOT_DECIDED = 'not-yet';
