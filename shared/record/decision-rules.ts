import { canonicalJson } from '../canonical-json';
import type { AmendmentChanges, Amendment, Decision, DecisionContent } from './decision';

/**
 * The decision's rules that pages need in the browser, without zod: the
 * decision as amended, and the words for its parts.
 */

/** The parts of a decision in words, as amendments list what they changed. */
export const decisionFieldLabels: Record<keyof DecisionContent, string> = {
  choice: 'The decision',
  notes: 'Notes written together',
  openQuestions: "What we don't know yet",
  followUp: 'Follow-up',
  participants: 'Who else took part',
};

const decisionFields = [
  'choice',
  'notes',
  'openQuestions',
  'followUp',
  'participants',
] as const satisfies ReadonlyArray<keyof DecisionContent>;

/** The decision as it stands: the one recorded, with every amendment applied in order. */
export function currentDecision(
  decision: Decision,
  amendments: readonly Amendment[],
): DecisionContent {
  const { choice, notes, openQuestions, followUp, participants } = decision;
  return amendments.reduce<DecisionContent>(
    (current, amendment) => ({ ...current, ...amendment.after }),
    { choice, notes, openQuestions, followUp, participants },
  );
}

/** The fields an amendment really changes, before and after; none when nothing differs. */
export function amendmentDiff(
  current: DecisionContent,
  changes: AmendmentChanges,
): { before: AmendmentChanges; after: AmendmentChanges } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of decisionFields) {
    const next = changes[field];
    if (next === undefined || canonicalJson(next) === canonicalJson(current[field])) continue;
    before[field] = current[field];
    after[field] = next;
  }
  return { before: before as AmendmentChanges, after: after as AmendmentChanges };
}
