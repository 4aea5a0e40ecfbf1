import type { DecisionRecord } from '#shared/record/schema';
import type { Refusal } from '#shared/record/lifecycle';
import { ProblemError } from './problem-error';

/** Why a change to a record is refused: the state machine's reasons, and two of the store's. */
export type RecordRefusal =
  | Refusal
  /** The record changed since the caller read it. */
  | 'changed'
  /** The record holds as many amendments as it can. */
  | 'too-many-amendments';

const when = (iso: string) => `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;

function detailOf(refusal: RecordRefusal, current: DecisionRecord): string {
  switch (refusal) {
    case 'not-allowed':
      return "A patient's link can read its own record and confirm the decision. Deciding and amending are done with the clinic.";
    case 'locked':
      return 'The decision has been recorded, so these answers can no longer change. Nothing was saved.';
    case 'already-decided':
      return current.decision
        ? `${current.decision.decidedBy.name} recorded the decision on ${when(current.decision.decidedAt)}. Nothing was saved over it: to change it, add an amendment.`
        : 'The decision was already recorded. Nothing was saved over it.';
    case 'not-decided':
      return 'Nothing has been decided yet. Record the decision first.';
    case 'already-confirmed':
      return current.patientConfirmation
        ? `The patient already confirmed this decision on ${when(current.patientConfirmation.at)}.`
        : 'The patient already confirmed this decision.';
    case 'already-ready':
      return 'The record is already marked ready.';
    case 'changed':
      return 'This record was changed in another window or by someone else since it was read. Nothing was saved over it: read it again, then try again.';
    case 'too-many-amendments':
      return 'This record holds as many amendments as it can. Record a new decision with a new invitation.';
  }
}

/** 403 for the wrong party, 409 with the record as it is now for the wrong moment. */
export function recordRefused(refusal: RecordRefusal, current: DecisionRecord): ProblemError {
  const detail = detailOf(refusal, current);
  if (refusal === 'not-allowed') return new ProblemError('forbidden', { detail });
  return new ProblemError('conflict', { detail, extensions: { reason: refusal, current } });
}
