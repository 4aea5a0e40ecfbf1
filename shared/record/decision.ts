import * as z from 'zod';
import { IsoDate, type AidContent } from '../aid/schema';
import { Actor } from '../aid/aids';
import { Id } from '../ids';
import { typedText } from '../text';
import { decisionLimits, NOT_DECIDED } from './decision-limits';

/**
 * What patient and clinician record together in the consultation, and how it
 * is corrected afterwards: appended amendments, never an overwrite.
 */

const limited = (max: number) => typedText().trim().max(max, `Use ${max} characters or fewer`);

/** The option chosen, or "not decided yet" with the next step and by when. */
export const DecisionChoice = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('option'), optionId: Id }),
    z.object({
      kind: z.literal(NOT_DECIDED),
      nextStep: limited(decisionLimits.nextStep).min(1, 'Say what the next step is'),
      nextStepBy: IsoDate,
    }),
  ],
  { error: 'Choose an option, or "not decided yet"' },
);
export type DecisionChoice = z.infer<typeof DecisionChoice>;

const openQuestions = z
  .array(limited(decisionLimits.openQuestion).min(1, 'Write the question, or remove the line'))
  .max(decisionLimits.openQuestions, `List at most ${decisionLimits.openQuestions} open questions`);

/** The parts of a decision that an amendment may change. */
export const DecisionContent = z.object({
  choice: DecisionChoice,
  /** Notes written together in the consultation. */
  notes: limited(decisionLimits.notes).default(''),
  /** "What we don't know yet": uncertainty is a valid line in the record. */
  openQuestions: openQuestions.default([]),
  followUp: limited(decisionLimits.followUp).default(''),
  /** Who else took part, such as "my daughter" or "practice nurse". */
  participants: limited(decisionLimits.participants).default(''),
});
export type DecisionContent = z.infer<typeof DecisionContent>;

/** A client's own id for one request: sent again, the same request is done once. */
export const ClientToken = z
  .string({ error: 'Send a client token' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8 to 64 letters, digits, "-" or "_"');

const revision = z.int('Send the revision you read').min(1).max(1_000_000);

export const DecisionRequest = DecisionContent.extend({
  /** The record's revision the clinician read: a patient's later change is not decided over. */
  revision,
  clientToken: ClientToken,
  /** The patient read the decision on the same screen and agrees: "this is what we decided together". */
  patientConfirmed: z.boolean().default(false),
}).meta({ id: 'DecisionRequest' });
export type DecisionRequest = z.input<typeof DecisionRequest>;

export const Decision = DecisionContent.extend({
  decidedAt: z.iso.datetime(),
  /** The clinician who recorded it, with the patient. */
  decidedBy: Actor,
  clientToken: ClientToken,
}).meta({ id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

export const ConfirmationRequest = z
  .object({
    revision,
    clientToken: ClientToken,
    /** The patient's own words, through their link only. */
    comment: limited(decisionLimits.patientComment).optional(),
  })
  .meta({ id: 'ConfirmationRequest' });
export type ConfirmationRequest = z.input<typeof ConfirmationRequest>;

export const PatientConfirmation = z
  .object({
    at: z.iso.datetime(),
    how: z.enum(['in-consultation', 'own-link']),
    /** The clinician whose screen the patient confirmed on; null through the patient's own link. */
    recordedBy: Actor.nullable(),
    comment: z.string(),
    /** How many amendments the record had when the patient confirmed it. */
    amendmentsSeen: z.int().min(0),
    clientToken: ClientToken,
  })
  .meta({ id: 'PatientConfirmation' });
export type PatientConfirmation = z.infer<typeof PatientConfirmation>;

/** Only what changes: each field given replaces the current one. */
export const AmendmentChanges = z.object({
  choice: DecisionChoice.optional(),
  notes: limited(decisionLimits.notes).optional(),
  openQuestions: openQuestions.optional(),
  followUp: limited(decisionLimits.followUp).optional(),
  participants: limited(decisionLimits.participants).optional(),
});
export type AmendmentChanges = z.infer<typeof AmendmentChanges>;

export const AmendmentRequest = z
  .object({
    revision,
    clientToken: ClientToken,
    reason: limited(decisionLimits.reason).min(1, 'Say why this is changed'),
    changes: AmendmentChanges,
  })
  .meta({ id: 'AmendmentRequest' });
export type AmendmentRequest = z.input<typeof AmendmentRequest>;

export const Amendment = z
  .object({
    id: ClientToken,
    at: z.iso.datetime(),
    by: Actor,
    reason: z.string(),
    /** The changed fields as they were, and as they are now. */
    before: AmendmentChanges,
    after: AmendmentChanges,
  })
  .meta({ id: 'Amendment' });
export type Amendment = z.infer<typeof Amendment>;

/** A next step is due within this many years: a later date is a slip of the keyboard. */
const NEXT_STEP_YEARS = 5;

/**
 * Checks a decision against the aid version the patient read and today's
 * date: the option must be one of its options, and the next step cannot be due
 * in the past. Each problem has its field path.
 */
export function decisionIssues(
  aid: AidContent,
  content: { choice?: DecisionChoice | undefined },
  today: string,
): Array<{ path: PropertyKey[]; message: string }> {
  const { choice } = content;
  if (!choice) return [];
  if (choice.kind === 'option' && !aid.options.some((option) => option.id === choice.optionId)) {
    return [{ path: ['choice', 'optionId'], message: 'Choose one of the options in this aid' }];
  }
  if (choice.kind === NOT_DECIDED && choice.nextStepBy < today) {
    return [{ path: ['choice', 'nextStepBy'], message: 'Choose today or a later date' }];
  }
  const latest = `${Number(today.slice(0, 4)) + NEXT_STEP_YEARS}${today.slice(4)}`;
  if (choice.kind === NOT_DECIDED && choice.nextStepBy > latest) {
    return [
      {
        path: ['choice', 'nextStepBy'],
        message: `Choose a date within ${NEXT_STEP_YEARS} years`,
      },
    ];
  }
  return [];
}
