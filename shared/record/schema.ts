import * as z from 'zod';
import { AidContent } from '../aid/schema';
import { aidLimits } from '../aid/limits';
import { Id, Pagination } from '../ids';
import { typedText } from '../text';
import { Amendment, Decision, PatientConfirmation } from './decision';
import { recordStatuses } from './lifecycle';
import { isChoice, MAX_UNDERSTANDING_QUESTIONS, understandingQuestions } from './understanding';
import {
  decisionRoles,
  decisionTimings,
  NOT_SURE,
  ownFits,
  pressureAnswers,
  recordLimits,
  STEP_COUNT,
  sureItems,
  type StepName,
  type SureItem,
} from './rules';

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
  text: typedText()
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

/** The patient's own judgement of one option on one of their own concerns. */
export const OwnFit = z.enum(ownFits, { error: 'Choose one of the answers' });

/**
 * By own concern id, then by option id: the patient's judgement. At most one
 * entry per own concern and one per option.
 */
export const ConcernFits = z
  .record(Id, z.record(Id, OwnFit))
  .refine((fits) => Object.keys(fits).length <= recordLimits.ownConcerns, {
    error: `Answer for at most ${recordLimits.ownConcerns} of your own things`,
  })
  .refine(
    (fits) =>
      Object.values(fits).every(
        (byOption) => Object.keys(byOption).length <= aidLimits.options.max,
      ),
    { error: `Answer for at most ${aidLimits.options.max} options` },
  );
export type ConcernFits = z.infer<typeof ConcernFits>;

const choose = { error: 'Choose one of the answers' };

/** How the patient wants to decide: every part optional. */
export const HowToDecide = z.object({
  role: z.enum(decisionRoles, choose).optional(),
  /** Who else they want involved, in their own words. */
  others: typedText()
    .trim()
    .max(recordLimits.others, `Use ${recordLimits.others} letters or fewer`)
    .default(''),
  pressure: z.enum(pressureAnswers, choose).optional(),
  timing: z.enum(decisionTimings, choose).optional(),
});
export type HowToDecide = z.infer<typeof HowToDecide>;

/**
 * The check of understanding, by row id, then option id: the choice the
 * patient picked (a number as text, or "not-sure"). A teach-back prompt for the
 * consultation, never a grade.
 */
export const UnderstandingAnswers = z
  .record(Id, z.record(Id, z.string().max(12, 'Choose one of the answers')))
  .refine(
    (answers) =>
      Object.values(answers).reduce((count, byOption) => count + Object.keys(byOption).length, 0) <=
      MAX_UNDERSTANDING_QUESTIONS,
    { error: `Answer at most ${MAX_UNDERSTANDING_QUESTIONS} questions` },
  );
export type UnderstandingAnswers = z.infer<typeof UnderstandingAnswers>;

export const PatientAnswers = z
  .object({
    /** How the patient wants to make the decision (step 1). */
    howToDecide: HowToDecide.default({ others: '' }),
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
    /** How each option fits the patient's own concerns, in the patient's judgement (step 4). */
    concernFits: ConcernFits.default({}),
    sure: SureAnswers.default({}),
    understanding: UnderstandingAnswers.default({}),
    worries: typedText()
      .max(recordLimits.worries, `Use ${recordLimits.worries} letters or fewer`)
      .default(''),
    questions: typedText()
      .max(recordLimits.questions, `Use ${recordLimits.questions} letters or fewer`)
      .default(''),
    readElsewhere: z
      .object({
        note: typedText().max(
          recordLimits.readElsewhereNote,
          `Use ${recordLimits.readElsewhereNote} letters or fewer`,
        ),
        link: z
          .url({ protocol: /^https?$/, error: 'Use a full web address, starting with https://' })
          .max(recordLimits.link)
          .optional(),
      })
      .default({ note: '' }),
  })
  .meta({ id: 'PatientAnswers' });
export type PatientAnswers = z.infer<typeof PatientAnswers>;

export const RecordStatus = z.enum(recordStatuses);
export type RecordStatus = z.infer<typeof RecordStatus>;

export const StepNumber = z.coerce.number().int().min(1).max(STEP_COUNT);

/** What a list of records shows about each one. */
export const RecordSummary = z
  .object({
    id: Id,
    invitationId: Id,
    aidId: Id,
    aidVersion: z.int().min(1),
    aidTitle: z.string(),
    /** The clinic's own note to find the patient again; never the patient's identity. */
    clinicReference: z.string().nullable(),
    status: RecordStatus,
    /** When the record reached its status. */
    statusAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RecordSummary' });
export type RecordSummary = z.infer<typeof RecordSummary>;

export const DecisionRecord = RecordSummary.extend({
  /** The furthest step reached, where the patient resumes. */
  currentStep: z.int().min(1).max(STEP_COUNT),
  answers: PatientAnswers,
  /** Increases with every change; send it back to change the record. */
  revision: z.int().min(1),
  updatedAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
  /** What was decided together; null until then. Never overwritten: see `amendments`. */
  decision: Decision.nullable(),
  /** Corrections after the decision, oldest first. */
  amendments: z.array(Amendment),
  patientConfirmation: PatientConfirmation.nullable(),
}).meta({ id: 'DecisionRecord' });
export type DecisionRecord = z.infer<typeof DecisionRecord>;

export const RecordPage = z
  .object({
    items: z.array(RecordSummary),
    /** Pass as `cursor` to get the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'RecordPage' });
export type RecordPage = z.infer<typeof RecordPage>;

export const RecordQuery = Pagination.extend({
  status: RecordStatus.optional(),
  aidId: Id.optional(),
});
export type RecordQuery = z.infer<typeof RecordQuery>;

export const auditEventTypes = [
  /** The patient opened their link for the first time. */
  'opened',
  'ready',
  /** A clinician opened the record. */
  'viewed',
  /** A clinician downloaded it (`detail`: pdf or fhir). */
  'exported',
  'decided',
  'confirmed',
  'amended',
  /** The link's end date moved (`detail`: the new date). */
  'link-extended',
  'link-withdrawn',
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

export const AuditActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clinician'), id: Id, name: z.string() }),
  z.object({ kind: z.literal('patient') }),
]);
export type AuditActor = z.infer<typeof AuditActor>;

/** Who did what to a record, and when: written with the change it describes, never changed. */
export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    type: z.enum(auditEventTypes),
    actor: AuditActor,
    detail: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * A record as its readers see it, the clinician in the consultation and the
 * patient through their link alike: nothing about the patient is kept where
 * they cannot read it.
 */
export const RecordView = z
  .object({
    record: DecisionRecord,
    /** The exact aid version the patient read, never the latest draft. */
    aid: z.object({
      id: Id,
      title: z.string(),
      version: z.int(),
      publishedAt: z.iso.datetime(),
      demonstration: z.boolean(),
      /** The guide's reading grade, measured when it was published (null when not measured). */
      readingGrade: z.number().nullable(),
      content: AidContent,
    }),
    organisationName: z.string(),
    /** The patient's link: it opens the record until it expires or is withdrawn. */
    link: z.object({
      expiresAt: z.iso.datetime(),
      revokedAt: z.iso.datetime().nullable(),
    }),
    /** Newest first. */
    history: z.array(AuditEvent),
  })
  .meta({ id: 'RecordView' });
export type RecordView = z.infer<typeof RecordView>;

/** Fewer records than this, and a version's insights show nothing: no patient can be singled out. */
export const INSIGHTS_MINIMUM_RECORDS = 5;

/** How patients used one aid version: counts only. */
export const VersionInsights = z
  .object({
    version: z.int().min(1),
    minimumRecords: z.int(),
    /** Null when fewer than `minimumRecords` records exist. */
    counts: z
      .object({
        records: z.int(),
        byStatus: z.record(RecordStatus, z.int()),
        /** How many patients rated anything. */
        rated: z.int(),
        /**
         * How many of them rated each consideration "matters quite a lot" or "a lot",
         * most first; null until `minimumRecords` patients have rated.
         */
        important: z
          .array(z.object({ rowId: Id, label: z.string(), patients: z.int() }))
          .nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'VersionInsights' });
export type VersionInsights = z.infer<typeof VersionInsights>;

/** What each step saves. Step 1 and the summary save only progress. */
export const StepAnswers = {
  decision: PatientAnswers.pick({ howToDecide: true }),
  options: PatientAnswers.pick({ marks: true }),
  values: PatientAnswers.pick({ ratings: true, ownConcerns: true }),
  leaning: PatientAnswers.pick({ leaning: true, concernFits: true }),
  sure: PatientAnswers.pick({ sure: true, worries: true, understanding: true }),
  questions: PatientAnswers.pick({ questions: true, readElsewhere: true }),
  summary: z.object({}),
} as const satisfies Record<StepName, z.ZodObject>;

/** A step's answers sent by the patient, with the revision they were based on. */
export const StepUpdate = z
  .object({
    revision: z.int().min(1),
    answers: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'StepUpdate' });

/**
 * Checks answers against the aid version they are about: ratings and marks
 * for its questions, a leaning towards one of its options. A tampered form
 * gets a message at the field, and nothing is saved.
 */
export function answerIssues(
  aid: AidContent,
  answers: Partial<PatientAnswers>,
  /** What is saved now: the own concerns a judgement may be about. */
  saved?: Pick<PatientAnswers, 'ownConcerns'>,
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
  const concernIds = new Set(
    (answers.ownConcerns ?? saved?.ownConcerns ?? []).map((concern) => concern.id),
  );
  for (const [concernId, byOption] of Object.entries(answers.concernFits ?? {})) {
    if (!concernIds.has(concernId)) {
      issues.push({
        path: ['concernFits', concernId],
        message: 'This is not one of your own things',
      });
      continue;
    }
    for (const optionId of Object.keys(byOption)) {
      if (!optionIds.has(optionId))
        issues.push({
          path: ['concernFits', concernId, optionId],
          message: 'This is not one of the options in the guide',
        });
    }
  }
  if (answers.understanding) {
    const questions = understandingQuestions(aid);
    for (const [rowId, byOption] of Object.entries(answers.understanding)) {
      for (const [optionId, value] of Object.entries(byOption)) {
        const question = questions.find((q) => q.rowId === rowId && q.optionId === optionId);
        if (!question)
          issues.push({
            path: ['understanding', rowId, optionId],
            message: 'This question is not in the guide',
          });
        else if (!isChoice(question, value))
          issues.push({
            path: ['understanding', rowId, optionId],
            message: 'Choose one of the answers',
          });
      }
    }
  }
  return issues;
}

/**
 * The answers without judgements about own concerns that are gone: a judgement
 * is dropped with its concern.
 */
export function withoutStaleJudgements(answers: PatientAnswers): PatientAnswers {
  const concernIds = new Set(answers.ownConcerns.map((concern) => concern.id));
  const kept = Object.entries(answers.concernFits).filter(([id]) => concernIds.has(id));
  if (kept.length === Object.keys(answers.concernFits).length) return answers;
  return { ...answers, concernFits: Object.fromEntries(kept) };
}

/** "I'm ready for my visit", based on the revision the patient read. */
export const ReadyRequest = z.object({ revision: z.int().min(1) }).meta({ id: 'ReadyRequest' });
