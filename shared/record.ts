import * as z from 'zod';
import type { AidContent } from './aid';
import { Id } from './ids';
import { NOT_SURE, recordLimits, STEP_COUNT, sureItems, type SureItem } from './record-rules';

/**
 * The patient's decision record: what they marked, rated, leaned towards and
 * asked, pinned to the exact aid version they read. Nothing in it identifies
 * them; the clinic's reference on the invitation is the only link.
 */
/** How much a consideration matters: 0 "doesn't matter to me" … 4 "matters a lot". No preset value. */
export const Rating = z
  .int({ error: 'Choose one of the answers' })
  .min(0, 'Choose one of the answers')
  .max(4, 'Choose one of the answers');
export type Rating = z.infer<typeof Rating>;

export const OwnConcern = z.object({
  id: Id,
  text: z
    .string()
    .trim()
    .min(1, 'Write your concern, or leave the box empty')
    .max(recordLimits.ownConcern, `Use ${recordLimits.ownConcern} letters or fewer`),
  rating: Rating.optional(),
});
export type OwnConcern = z.infer<typeof OwnConcern>;

export const SureAnswers = z.object(
  Object.fromEntries(
    sureItems.map((item) => [item, z.boolean({ error: 'Choose yes or no' }).optional()]),
  ) as Record<SureItem, z.ZodOptional<z.ZodBoolean>>,
);
export type SureAnswers = z.infer<typeof SureAnswers>;

export const PatientAnswers = z.object({
  /** Questions marked "this matters to me" while reading the options. */
  marks: z.array(Id).default([]),
  /** By row id; a consideration left out was skipped. */
  ratings: z.record(Id, Rating).default({}),
  ownConcerns: z
    .array(OwnConcern)
    .max(recordLimits.ownConcerns, `Add at most ${recordLimits.ownConcerns} of your own`)
    .default([]),
  /** An option id, or "not-sure". */
  leaning: z.string().optional(),
  sure: SureAnswers.default({}),
  worries: z
    .string()
    .max(recordLimits.worries, `Use ${recordLimits.worries} letters or fewer`)
    .default(''),
  questions: z
    .string()
    .max(recordLimits.questions, `Use ${recordLimits.questions} letters or fewer`)
    .default(''),
  readElsewhere: z
    .object({
      note: z
        .string()
        .max(
          recordLimits.readElsewhereNote,
          `Use ${recordLimits.readElsewhereNote} letters or fewer`,
        ),
      link: z
        .url({ protocol: /^https?$/, error: 'Use a full web address, starting with https://' })
        .max(recordLimits.link)
        .optional(),
    })
    .default({ note: '' }),
});
export type PatientAnswers = z.infer<typeof PatientAnswers>;

export const RecordStatus = z.enum(['in-progress', 'ready', 'decided']);
export type RecordStatus = z.infer<typeof RecordStatus>;

export const StepNumber = z.coerce.number().int().min(1).max(STEP_COUNT);

export const DecisionRecord = z.object({
  id: Id,
  invitationId: Id,
  aidId: Id,
  aidVersion: z.int().min(1),
  status: RecordStatus,
  /** The furthest step reached, where the patient resumes. */
  currentStep: z.int().min(1).max(STEP_COUNT),
  answers: PatientAnswers,
  revision: z.int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** What each step saves. Step 1 and the summary save only progress. */
export const StepAnswers = {
  decision: z.object({}),
  options: PatientAnswers.pick({ marks: true }),
  values: PatientAnswers.pick({ ratings: true, ownConcerns: true }),
  leaning: PatientAnswers.pick({ leaning: true }),
  sure: PatientAnswers.pick({ sure: true, worries: true }),
  questions: PatientAnswers.pick({ questions: true, readElsewhere: true }),
  summary: z.object({}),
} as const;
export type StepName = keyof typeof StepAnswers;
export const stepNames = [
  'decision',
  'options',
  'values',
  'leaning',
  'sure',
  'questions',
  'summary',
] as const satisfies StepName[];
export const stepNumber = (step: StepName) => stepNames.indexOf(step) + 1;

/** A step's answers sent by the patient, with the revision they were based on. */
export const StepUpdate = z.object({
  revision: z.int().min(1),
  answers: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Checks answers against the aid version they are about: ratings and marks
 * for its questions, a leaning towards one of its options. A tampered form
 * gets a message at the field, and nothing is saved.
 */
export function answerIssues(
  aid: AidContent,
  answers: Partial<PatientAnswers>,
): Array<{ path: PropertyKey[]; message: string }> {
  const rowIds = new Set(aid.rows.map((r) => r.id));
  const optionIds = new Set(aid.options.map((o) => o.id));
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  (answers.marks ?? []).forEach((id, i) => {
    if (!rowIds.has(id))
      issues.push({ path: ['marks', i], message: 'This question is not in the guide' });
  });
  for (const id of Object.keys(answers.ratings ?? {})) {
    if (!rowIds.has(id))
      issues.push({
        path: ['ratings', id],
        message: 'This is not one of the questions in the guide',
      });
  }
  if (
    answers.leaning !== undefined &&
    answers.leaning !== NOT_SURE &&
    !optionIds.has(answers.leaning)
  ) {
    issues.push({ path: ['leaning'], message: 'Choose one of the options, or "not sure yet"' });
  }
  return issues;
}
