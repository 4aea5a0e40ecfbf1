import * as z from 'zod';
import { typedText } from '../text';
import { Id } from '../ids';
import { NOT_SURE } from '../record/rules';
import { aidLimits } from './limits';

/** The limits are in limits.ts (zod-free, for the pages); each error message here says its limit. */

const text = (max: number, what: string) =>
  typedText(`${what} must be text`).max(max, `Keep ${what} to ${max} characters or fewer`);

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date({ error: 'Use a date as YYYY-MM-DD' });

/** A language tag such as "en", "en-GB" or "es-419" (BCP 47). */
export const LanguageTag = z.string().refine(
  (tag) => {
    try {
      return (
        /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(tag) && Intl.getCanonicalLocales(tag).length === 1
      );
    } catch {
      return false;
    }
  },
  { error: 'Use a language tag such as en, en-GB or es-419' },
);

export const Certainty = z.enum(['high', 'moderate', 'low', 'very-low', 'not-known']);
export type Certainty = z.infer<typeof Certainty>;

/** How the author judges this option on this row's consideration, compared with the other options. */
export const Fit = z.enum(['better', 'same', 'worse', 'depends']);
export type Fit = z.infer<typeof Fit>;

export const RowKind = z.enum([
  'benefit',
  'harm',
  'practical',
  'physical',
  'psychological',
  'social',
]);
export type RowKind = z.infer<typeof RowKind>;

/** What a row covers in an aid about a test or screening (IPDAS C7–C10, B24–B28). */
export const TestTopic = z.enum([
  'what-it-measures',
  'if-positive',
  'if-negative',
  'overdetection',
  'false-positives',
  'false-negatives',
]);
export type TestTopic = z.infer<typeof TestTopic>;

export const TimeUnit = z.enum(['days', 'weeks', 'months', 'years'], {
  error: 'Choose days, weeks, months or years',
});
export type TimeUnit = z.infer<typeof TimeUnit>;

/** "10 years": a value and a unit, so that "1 year" and "12 months" compare equal. */
export const TimeFrame = z.object({
  value: z
    .int('Use a whole number')
    .min(1, 'Use 1 or more')
    .max(aidLimits.timeFrameValue, `Use at most ${aidLimits.timeFrameValue}`),
  unit: TimeUnit,
});
export type TimeFrame = z.infer<typeof TimeFrame>;

/**
 * "14 out of 100 people like you who take a statin have a heart attack or
 * stroke over 10 years": a natural frequency with what happens (the outcome),
 * who it is about (the reference class) and over how long. A draft may leave
 * the outcome or the time frame out; the checks ask for them before publishing.
 */
export const NaturalFrequency = z
  .object({
    /** What happens to the people counted: "have a heart attack or stroke". */
    outcome: text(aidLimits.outcome, 'what happens').default(''),
    numerator: z.int('Use a whole number').min(0, 'Use 0 or more'),
    denominator: z
      .int('Use a whole number')
      .min(1, 'Use 1 or more')
      .max(aidLimits.denominator, `Use at most ${aidLimits.denominator}`),
    timeFrame: TimeFrame.optional(),
    referenceClass: text(aidLimits.referenceClass, 'who the number is about'),
    range: z
      .object({
        low: z.int('Use a whole number').min(0, 'Use 0 or more'),
        high: z.int('Use a whole number').min(0, 'Use 0 or more'),
      })
      .optional(),
  })
  .superRefine((n, ctx) => {
    if (n.numerator > n.denominator) {
      ctx.addIssue({
        code: 'custom',
        path: ['numerator'],
        message: 'The number of people cannot be more than the total',
      });
    }
    if (n.range && (n.range.low > n.numerator || n.range.high < n.numerator)) {
      ctx.addIssue({
        code: 'custom',
        path: ['range'],
        message: 'The range must include the number itself',
      });
    }
    if (n.range && n.range.high > n.denominator) {
      ctx.addIssue({
        code: 'custom',
        path: ['range', 'high'],
        message: 'The range cannot go above the total',
      });
    }
  });
export type NaturalFrequency = z.infer<typeof NaturalFrequency>;

export const Cell = z.object({
  text: text(aidLimits.cellText, 'the answer'),
  /** The numbers that say what happens, one per outcome (a heart attack, diabetes…). */
  numbers: z
    .array(NaturalFrequency)
    .max(aidLimits.numbersPerCell, `Give at most ${aidLimits.numbersPerCell} numbers in one answer`)
    .default([]),
  certainty: Certainty.optional(),
  sourceIds: z
    .array(Id)
    .max(aidLimits.sourcesPerCell, `Cite at most ${aidLimits.sourcesPerCell} sources`)
    .default([]),
  fit: Fit.optional(),
});
export type Cell = z.infer<typeof Cell>;

export const AidOption = z.object({
  id: Id,
  name: text(aidLimits.optionName, 'the option name'),
  description: text(aidLimits.optionDescription, 'the description'),
  /** "Wait and review" / "no treatment": IPDAS asks for one where reasonable. */
  isNoAction: z.boolean().default(false),
});
export type AidOption = z.infer<typeof AidOption>;

export const AidRow = z.object({
  id: Id,
  /** The question patients ask: "How long is recovery?" */
  question: text(aidLimits.rowQuestion, 'the question'),
  /** What a patient weighs: "Avoiding a long recovery". */
  label: text(aidLimits.rowLabel, 'the consideration'),
  kind: RowKind,
  topic: TestTopic.optional(),
  /** One answer per option, by option id. */
  cells: z.record(Id, Cell).default({}),
});
export type AidRow = z.infer<typeof AidRow>;

export const Source = z.object({
  id: Id,
  citation: text(aidLimits.citation, 'the citation'),
  // Web addresses only: a javascript: or data: link must never reach a patient's page.
  url: z
    .url({ protocol: /^https?$/, error: 'Use a full web address starting with https://' })
    .max(aidLimits.url)
    .optional(),
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'Use a DOI such as 10.1000/xyz123')
    .optional(),
  pmid: z
    .string()
    .regex(/^\d{1,9}$/, 'Use the PubMed number only, such as 31234567')
    .optional(),
  /** When it was published: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
});
export type Source = z.infer<typeof Source>;

export const Author = z.object({
  name: text(aidLimits.authorName, 'the name'),
  credentials: text(aidLimits.credentials, 'the credentials'),
});
export type Author = z.infer<typeof Author>;

/** One development step the authors confirm, with a short account of how it was done. */
export const Attestation = z.object({
  done: z.boolean().default(false),
  /** "12 patients facing the decision were interviewed in 2025." */
  detail: text(aidLimits.attestationDetail, 'how it was done').default(''),
});
export type Attestation = z.infer<typeof Attestation>;

const notAttested = () => ({ done: false, detail: '' });

/** Development steps that software cannot check (IPDAS B12–B17): the authors confirm each one. */
export const Attestations = z.object({
  /** B12: patients' needs were found out while the aid was made. */
  patientNeeds: Attestation.default(notAttested),
  /** B13: clinicians' needs were found out while the aid was made. */
  clinicianNeeds: Attestation.default(notAttested),
  /** B14: patients not involved in making it reviewed it. */
  reviewedByPatients: Attestation.default(notAttested),
  /** B15: clinicians or experts not involved in making it reviewed it. */
  reviewedByExperts: Attestation.default(notAttested),
  /** B16: tested with patients facing the decision. */
  fieldTestedWithPatients: Attestation.default(notAttested),
  /** B17: tested with clinicians who counsel patients about it. */
  fieldTestedWithClinicians: Attestation.default(notAttested),
});
export type Attestations = z.infer<typeof Attestations>;
export type AttestationStep = keyof Attestations;

export const AidContent = z
  .object({
    title: text(aidLimits.title, 'the title'),
    /** The health condition or problem, described. */
    condition: text(aidLimits.condition, 'the condition'),
    /** The decision, as a question: "Should I have knee replacement surgery?" */
    question: text(aidLimits.question, 'the decision question'),
    audience: text(aidLimits.audience, 'the audience'),
    language: LanguageTag,
    aboutTest: z.boolean().default(false),
    options: z
      .array(AidOption)
      .min(aidLimits.options.min, `Give at least ${aidLimits.options.min} options`)
      .max(aidLimits.options.max, `Give at most ${aidLimits.options.max} options`),
    rows: z
      .array(AidRow)
      .min(aidLimits.rows.min, `Give at least ${aidLimits.rows.min} questions`)
      .max(aidLimits.rows.max, `Give at most ${aidLimits.rows.max} questions`),
    sources: z
      .array(Source)
      .max(aidLimits.sources, `List at most ${aidLimits.sources} sources`)
      .default([]),
    authors: z
      .array(Author)
      .max(aidLimits.authors, `List at most ${aidLimits.authors} authors`)
      .default([]),
    funding: text(aidLimits.funding, 'the funding'),
    conflictsOfInterest: text(aidLimits.conflictsOfInterest, 'the conflicts of interest'),
    /** How the evidence was found and chosen (IPDAS B18). */
    evidenceMethods: text(aidLimits.evidenceMethods, 'the methods'),
    evidenceReviewedOn: IsoDate.optional(),
    reviewBy: IsoDate.optional(),
    updatePolicy: text(aidLimits.updatePolicy, 'the update policy'),
    attestations: Attestations.default(() => Attestations.parse({})),
  })
  .superRefine((aid, ctx) => {
    const unique = (ids: string[], path: string) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: [path, index, 'id'],
            message: 'This id is used twice',
          });
        seen.add(id);
      });
    };
    unique(
      aid.options.map((o) => o.id),
      'options',
    );
    aid.options.forEach((option, index) => {
      // A patient's leaning is an option id or "not sure yet": the two must never meet.
      if (option.id === NOT_SURE)
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'id'],
          message: `"${NOT_SURE}" is kept for "not sure yet": choose another id`,
        });
    });
    unique(
      aid.rows.map((r) => r.id),
      'rows',
    );
    unique(
      aid.sources.map((s) => s.id),
      'sources',
    );
    const optionIds = new Set(aid.options.map((o) => o.id));
    const sourceIds = new Set(aid.sources.map((s) => s.id));
    aid.rows.forEach((row, r) => {
      for (const [optionId, cell] of Object.entries(row.cells)) {
        if (!optionIds.has(optionId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', r, 'cells', optionId],
            message: 'This answer belongs to an option the aid does not have',
          });
        }
        cell.sourceIds.forEach((sourceId, s) => {
          if (!sourceIds.has(sourceId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['rows', r, 'cells', optionId, 'sourceIds', s],
              message: 'This source is not in the list of sources',
            });
          }
        });
      }
    });
    const bytes = new TextEncoder().encode(JSON.stringify(aid)).length;
    if (bytes > aidLimits.bytes) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `The aid is too large: ${Math.ceil(bytes / 1000)} KB of text, and at most ${aidLimits.bytes / 1000} KB fit. Shorten some answers.`,
      });
    }
    if (aid.evidenceReviewedOn && aid.reviewBy && aid.reviewBy <= aid.evidenceReviewedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewBy'],
        message: 'The review-by date must come after the date the evidence was reviewed',
      });
    }
  })
  .meta({ id: 'AidContent' });
export type AidContent = z.infer<typeof AidContent>;
/** What a client sends: defaults may be left out. */
export type AidContentInput = z.input<typeof AidContent>;
