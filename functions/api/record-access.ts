import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '#shared/aid/aids';
import type { AuditActor } from '#shared/record/schema';
import { PATIENT_COOKIE } from '../auth/cookies';
import type { LinkState } from '../store/records';
import type { Store } from '../store/store';
import { authenticateClinician, hasClinicianCredentials } from './auth';
import type { ApiEnv, RecordAccess, RecordReader } from './env';
import { ProblemError } from './problem-error';

/** Why a link no longer opens: the patient is told to contact the clinic. */
export function linkGone(link: LinkState, now: Date): ProblemError | null {
  if (link.revokedAt) {
    return new ProblemError('gone', {
      detail: 'The clinic has withdrawn this link.',
      extensions: { reason: 'revoked' },
    });
  }
  if (new Date(link.expiresAt) <= now) {
    return new ProblemError('gone', {
      detail: 'This link has expired.',
      extensions: { reason: 'expired' },
    });
  }
  return null;
}

/**
 * A record as its readers see it: one Query for the record, its history and
 * its link's state (ADR 25), and the aid version and organisation, which stay
 * in memory. Records opened before the record kept its link's state read their
 * invitation too. Null when it does not exist in this organisation.
 */
export async function loadRecord(
  store: Store,
  orgId: string,
  recordId: string,
  reader: RecordReader,
): Promise<RecordAccess | null> {
  const found = await store.records.getWithHistory(orgId, recordId);
  if (!found) return null;
  const { record, history } = found;
  const [link, version, organisation] = await Promise.all([
    found.link ?? store.invitations.get(orgId, record.invitationId),
    store.aids.getVersion(orgId, record.aidId, record.aidVersion),
    store.people.organisation(orgId),
  ]);
  if (!link || !version || !organisation) return null;
  return {
    orgId,
    organisation,
    reader,
    view: {
      record,
      aid: {
        id: version.aidId,
        title: version.title,
        version: version.number,
        publishedAt: version.publishedAt,
        demonstration: version.demonstration,
        readingGrade: version.readingGrade,
        content: version.content,
      },
      organisationName: organisation.name,
      link: { expiresAt: link.expiresAt, revokedAt: link.revokedAt },
      history,
    },
  };
}

const noRecord = () => new ProblemError('not-found', { detail: 'There is no such record.' });
const openLinkAgain = () =>
  new ProblemError('unauthenticated', { detail: 'Open the link from your clinic again.' });

/** The record a patient's session holds, while its link still opens (410 once withdrawn or expired). */
async function patientRecord(c: Context<ApiEnv>, recordId?: string): Promise<RecordAccess> {
  const { store } = c.var.deps;
  const sessionId = getCookie(c, PATIENT_COOKIE);
  const holder = sessionId ? await store.patientSessions.resolve(sessionId) : null;
  if (!holder) throw openLinkAgain();
  // Another record's link reaches nothing here: as unknown as a record that does not exist.
  if (recordId !== undefined && holder.recordId !== recordId) throw noRecord();
  const access = await loadRecord(store, holder.orgId, holder.recordId, { kind: 'patient' });
  if (!access) throw openLinkAgain();
  const gone = linkGone(access.view.link, store.now());
  if (gone) throw gone;
  return access;
}

/** The patient's own record, from their session (`/api/patient/*`). */
export const requirePatient = createMiddleware<ApiEnv>(async (c, next) => {
  c.set('access', await patientRecord(c));
  await next();
});

/**
 * The record in the path, for a clinician of its organisation or for the
 * patient whose link opened it; anyone else finds nothing (404).
 */
export const requireRecordReader = createMiddleware<ApiEnv>(async (c, next) => {
  const recordId = c.req.param('recordId') ?? '';
  if (hasClinicianCredentials(c) || !getCookie(c, PATIENT_COOKIE)) {
    // Routes that only clinicians may use authenticate first (`requireClinician`).
    const principal = c.get('principal') ?? (await authenticateClinician(c));
    c.set('principal', principal);
    const access = await loadRecord(c.var.deps.store, principal.orgId, recordId, {
      kind: 'clinician',
      principal,
    });
    if (!access) throw noRecord();
    c.set('access', access);
  } else {
    c.set('access', await patientRecord(c, recordId));
  }
  await next();
});

export const auditActor = (actor: Actor): AuditActor => ({ kind: 'clinician', ...actor });
