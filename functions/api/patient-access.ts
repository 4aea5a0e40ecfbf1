import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AidVersion } from '#shared/aids';
import type { DecisionRecord } from '#shared/record';
import { PATIENT_COOKIE } from '../auth/cookies';
import type { InvitationItem } from '../store/invitations';
import type { Store } from '../store/store';
import type { ApiEnv } from './env';
import { ProblemError } from './problem-error';

/** Everything a patient's session reaches: their record, its invitation and the aid version it is pinned to. */
export interface PatientAccess {
  orgId: string;
  record: DecisionRecord;
  invitation: InvitationItem;
  aid: AidVersion;
  organisationName: string;
}

/** Why a link no longer opens: the patient is told to contact the clinic. */
export function linkGone(invitation: InvitationItem, now: Date): ProblemError | null {
  if (invitation.revokedAt) {
    return new ProblemError('gone', {
      detail: 'The clinic has withdrawn this link.',
      extensions: { reason: 'revoked' },
    });
  }
  if (new Date(invitation.expiresAt) <= now) {
    return new ProblemError('gone', {
      detail: 'This link has expired.',
      extensions: { reason: 'expired' },
    });
  }
  return null;
}

export async function loadPatientAccess(
  store: Store,
  invitation: InvitationItem,
  recordId: string,
): Promise<PatientAccess> {
  const { orgId } = invitation;
  const [record, aid, organisation] = await Promise.all([
    store.records.get(orgId, recordId),
    store.aids.getVersion(orgId, invitation.aidId, invitation.aidVersion),
    store.people.organisation(orgId),
  ]);
  if (!record || !aid || !organisation)
    throw new ProblemError('not-found', { detail: 'This record is not available.' });
  return { orgId, record, invitation, aid, organisationName: organisation.name };
}

/**
 * A patient holds a session for one record, started from their invitation
 * link. A revoked or expired invitation ends it at once (410).
 */
export const requirePatient = createMiddleware<ApiEnv>(async (c, next) => {
  const { store } = c.var.deps;
  const sessionId = getCookie(c, PATIENT_COOKIE);
  const holder = sessionId ? await store.patientSessions.resolve(sessionId) : null;
  if (!holder) {
    throw new ProblemError('unauthenticated', { detail: 'Open the link from your clinic again.' });
  }
  const record = await store.records.get(holder.orgId, holder.recordId);
  const invitation = record
    ? await store.invitations.getItem(holder.orgId, record.invitationId)
    : null;
  if (!record || !invitation)
    throw new ProblemError('unauthenticated', { detail: 'Open the link from your clinic again.' });
  const gone = linkGone(invitation, store.now());
  if (gone) throw gone;
  c.set('patient', await loadPatientAccess(store, invitation, record.id));
  await next();
});
