import * as z from 'zod';

/**
 * What the checks report, once: the schemas the API documents, and the types
 * the check modules produce (`z.infer`). The check modules import only these
 * types, so the browser's live checks load no extra schema code.
 */

export const Criterion = z.object({
  /** IPDAS id: 'Q1'…'Q6', 'C1'…'C10', 'B1'…'B28' (only the checkable ones). */
  id: z.string(),
  level: z.enum(['qualifying', 'certification', 'quality']),
  /** Short plain title, e.g. 'Describes the health condition'. */
  title: z.string(),
  status: z.enum(['met', 'missing', 'not-applicable']),
  /** Whether publishing is blocked while this is missing. */
  requiredToPublish: z.boolean(),
  /**
   * Software can see that it is given, not judge whether it is right (a
   * funding statement, a date): shown as "given", never as "met".
   */
  presenceOnly: z.boolean().optional(),
  /** Plain explanation: when missing, what is missing and how to fix it; when met, one short line. */
  explanation: z.string(),
  /** JSON pointer (RFC 6901) into AidContent of the first field to fix, when missing. */
  pointer: z.string().optional(),
});
export type CriterionResult = z.infer<typeof Criterion>;
export type CriterionLevel = CriterionResult['level'];
export type CriterionStatus = CriterionResult['status'];

export const Readability = z.object({
  words: z.number(),
  sentences: z.number(),
  syllables: z.number(),
  /** Words of three or more syllables (for SMOG). */
  polysyllables: z.number(),
  /** Flesch–Kincaid grade level, rounded to one decimal; null for empty text. */
  fleschKincaidGrade: z.number().nullable(),
  /** SMOG grade, rounded to one decimal; null for empty text. */
  smogGrade: z.number().nullable(),
  /** The grade to gate on: the stricter of the two from 10 sentences, Flesch–Kincaid below; null for empty text. */
  grade: z.number().nullable().describe('The stricter of the two grades'),
});
export type TextReadability = z.infer<typeof Readability>;

export const MeasuredText = Readability.extend({
  /** JSON pointer of the field in AidContent, e.g. '/rows/0/cells/opt-a/text'. */
  pointer: z.string(),
  /** Where it is, in words a clinician understands: '“How long is recovery?” for “Knee replacement”'. */
  label: z.string(),
}).meta({ id: 'MeasuredText' });
export type MeasuredText = z.infer<typeof MeasuredText>;

/** IPDAS and NIH ask for grade 8 or lower. */
export const READABILITY_TARGET = 8;

/** A long or technical word, with a plainer way to say it when the project's list has one. */
export const HardWord = z.object({
  pointer: z.string(),
  label: z.string(),
  word: z.string(),
  plainer: z.string().nullable(),
  /** How many times patients meet it; the pointer leads to the first. */
  occurrences: z.int(),
});
export type HardWord = z.infer<typeof HardWord>;

export const AidReadability = z.object({
  /** False for an aid not in English: the formulas and the word list are for English only. */
  measured: z.boolean(),
  /** Every patient-facing text that is not empty, in the order a patient reads them; under 10 words, not graded. */
  texts: z.array(MeasuredText),
  /** What patients read as sentences (cells, descriptions, questions, captions), measured as one text; names and labels left out. */
  overall: Readability,
  /** Texts whose grade is above the target. */
  aboveTarget: z.array(MeasuredText),
  /** Long and technical words in any patient-facing text, short ones included. */
  hardWords: z.array(HardWord),
  target: z.literal(READABILITY_TARGET),
});
export type AidReadability = z.infer<typeof AidReadability>;

export const NumberIssue = z.object({
  kind: z.enum([
    'denominator-mismatch',
    'time-frame-mismatch',
    'one-in-x',
    'uncommon-total',
    'percentage',
    'odds',
    'number-needed-to-treat',
    'contradicts-number',
    'number-and-words',
    'relative-risk',
    'vague-word',
  ]),
  /** JSON pointer into AidContent: the cell text for wording issues, the row ('/rows/3') for mismatches. */
  pointer: z.string(),
  /** What is wrong, in plain words. */
  message: z.string(),
  /** A suggested fix, e.g. 'Say "about 2 in 100 people" rather than "rare".' */
  suggestion: z.string(),
  /** The words that triggered it, for wording issues. */
  excerpt: z.string().optional(),
});
export type NumberIssue = z.infer<typeof NumberIssue>;
export type NumberIssueKind = NumberIssue['kind'];

export const AidChecks = z
  .object({
    ipdas: z.array(Criterion),
    blockers: z
      .array(Criterion)
      .describe('Required criteria still missing: publishing waits for these'),
    readability: AidReadability,
    numbers: z.array(NumberIssue),
    /** What the number checks read, so that "nothing to fix" is never said of numbers that were not there. */
    numbersRead: z.object({
      /** Structured numbers in the grid. */
      structured: z.int(),
      /** Numbers written in the words of patient-facing texts. */
      inText: z.int(),
    }),
  })
  .meta({ id: 'AidChecks' });
export type AidChecks = z.infer<typeof AidChecks>;
