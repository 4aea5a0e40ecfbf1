import * as z from 'zod';
import type { AidContent } from '../aid/schema';
import { checkIpdas, publishBlockers, type CriterionResult } from './ipdas';
import { checkNumbers, type NumberIssue } from './numbers';
import { measureAid, type AidReadability, type TextReadability } from './readability';

/**
 * Everything the editor checks, in one call: the IPDAS criteria (and which
 * block publishing), reading level per patient-facing text, and number wording.
 * The same function runs in the API, on the server-rendered editor and live in
 * the browser.
 */
export function runChecks(content: AidContent) {
  const ipdas = checkIpdas(content);
  return {
    ipdas,
    blockers: publishBlockers(ipdas),
    readability: measureAid(content),
    numbers: checkNumbers(content),
  };
}
export type AidChecksResult = ReturnType<typeof runChecks>;

// The response schema, for the OpenAPI document; the `satisfies` lines keep it in step with the types.
const Criterion = z.object({
  id: z.string(),
  level: z.enum(['qualifying', 'certification', 'quality']),
  title: z.string(),
  status: z.enum(['met', 'missing', 'not-applicable']),
  requiredToPublish: z.boolean(),
  explanation: z.string(),
  pointer: z.string().optional(),
});
const Readability = z.object({
  words: z.number(),
  sentences: z.number(),
  syllables: z.number(),
  polysyllables: z.number(),
  fleschKincaidGrade: z.number().nullable(),
  smogGrade: z.number().nullable(),
  grade: z.number().nullable().describe('The stricter of the two grades'),
});
const MeasuredText = Readability.extend({ pointer: z.string(), label: z.string() }).meta({
  id: 'MeasuredText',
});
const NumberIssueSchema = z.object({
  kind: z.enum([
    'denominator-mismatch',
    'time-frame-mismatch',
    'one-in-x',
    'relative-risk',
    'vague-word',
  ]),
  pointer: z.string(),
  message: z.string(),
  suggestion: z.string(),
  excerpt: z.string().optional(),
});

export const AidChecks = z
  .object({
    ipdas: z.array(Criterion),
    blockers: z
      .array(Criterion)
      .describe('Required criteria still missing: publishing waits for these'),
    readability: z.object({
      texts: z.array(MeasuredText),
      overall: Readability,
      aboveTarget: z.array(MeasuredText),
      target: z.literal(8),
    }),
    numbers: z.array(NumberIssueSchema),
  })
  .meta({ id: 'AidChecks' });
export type AidChecks = z.infer<typeof AidChecks>;

// Compile-time agreement between the schema and the modules' own types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agreement: [
  Same<z.infer<typeof Criterion>, CriterionResult>,
  Same<z.infer<typeof Readability>, TextReadability>,
  Same<z.infer<typeof NumberIssueSchema>, NumberIssue>,
  Same<AidChecks['readability']['target'], AidReadability['target']>,
] = [true, true, true, true];
void agreement;
