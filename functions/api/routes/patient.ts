import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import { canonicalJson } from '#shared/canonical-json';
import { LinkToken, PatientLink, PatientSession, type Invitation } from '#shared/invitations';
import { fieldErrors } from '#shared/problem';
import { toPointer } from '#shared/pointer';
import {
  answerIssues,
  withoutStaleJudgements,
  DecisionRecord,
  ReadyRequest,
  RecordView,
  StepAnswers,
  StepUpdate,
  type PatientAnswers,
} from '#shared/record/schema';
import { stepNames, stepNumber } from '#shared/record/rules';
import { transition } from '#shared/record/lifecycle';
import { STEP_COUNT } from '#shared/record/rules';
import { PATIENT_COOKIE } from '#functions/auth/cookies';
import { LinkChangedError, RecordChangedError } from '#functions/store/errors';
import type { Store } from '#functions/store/store';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';
import { linkGone, requirePatient } from '../record-access';
import { recordRefused } from '../record-problems';
import { jsonBody, pathParams } from '../validate';

const StepParams = z.object({ step: z.enum(stepNames) });

/** A patient session lasts a day; opening the link again starts a new one. */
const PATIENT_SESSION_MS = 24 * 3600 * 1000;

function unknownLink(): ProblemError {
  return new ProblemError('not-found', { detail: 'We could not find this link.' });
}

/** The invitation of a link that still opens: 404 for an unknown token, 410 for an expired or withdrawn one. */
async function openInvitation(
  store: Store,
  token: string,
): Promise<{ orgId: string; invitation: Invitation }> {
  const found = await store.invitations.findByToken(token);
  if (!found) throw unknownLink();
  const gone = linkGone(found.invitation, store.now());
  if (gone) throw gone;
  return found;
}

/** How a link that does not open is answered, by both routes that take one. */
const linkFailures = { 404: 'Unknown link', 410: 'Expired or withdrawn' } as const;

export const patient = new Hono<ApiEnv>()
  .post(
    '/link',
    describe({
      summary:
        'What an invitation link opens, without opening it (404 unknown, 410 expired or withdrawn)',
      tag: 'patient',
      auth: 'none',
      body: true,
      responses: {
        200: { description: 'The link works', schema: PatientLink },
        ...linkFailures,
      },
    }),
    jsonBody(LinkToken),
    async (c) => {
      const { store } = c.var.deps;
      const { orgId, invitation } = await openInvitation(store, c.req.valid('json').token);
      const [organisation, version] = await Promise.all([
        store.people.organisation(orgId),
        store.aids.getVersion(orgId, invitation.aidId, invitation.aidVersion),
      ]);
      if (!organisation || !version) throw unknownLink();
      return c.json({
        aidTitle: version.title,
        organisationName: organisation.name,
        expiresAt: invitation.expiresAt,
        demonstration: version.demonstration,
        decided: invitation.status === 'decided' || invitation.status === 'confirmed',
      } satisfies PatientLink);
    },
  )
  .post(
    '/sessions',
    describe({
      summary:
        "Open an invitation link: creates the patient's record once, and a session for that record only",
      tag: 'patient',
      auth: 'none',
      body: true,
      responses: {
        201: { description: 'The session', schema: PatientSession },
        ...linkFailures,
      },
    }),
    jsonBody(LinkToken),
    async (c) => {
      const { store } = c.var.deps;
      const { token } = c.req.valid('json');
      let { orgId, invitation } = await openInvitation(store, token);
      let record: DecisionRecord;
      try {
        record = await store.records.openFor(orgId, invitation);
      } catch (error) {
        // The clinic withdrew or extended the link at that moment: looked at once more.
        if (!(error instanceof LinkChangedError)) throw error;
        ({ orgId, invitation } = await openInvitation(store, token));
        record = await store.records.openFor(orgId, invitation);
      }
      const expiresAt = new Date(
        Math.min(
          store.now().getTime() + PATIENT_SESSION_MS,
          new Date(invitation.expiresAt).getTime(),
        ),
      );
      const session = await store.patientSessions.create(
        { orgId, recordId: record.id, invitationId: invitation.id },
        expiresAt,
      );
      return c.json({ sessionId: session.id, expiresAt: expiresAt.toISOString() }, 201, {
        'Cache-Control': 'no-store',
      });
    },
  )
  .delete(
    '/sessions/current',
    describe({
      summary: "End the patient's session on this device",
      tag: 'patient',
      auth: 'none',
      responses: { 204: { description: 'Ended, or there was none' } },
    }),
    async (c) => {
      const sessionId = getCookie(c, PATIENT_COOKIE);
      if (sessionId) await c.var.deps.store.patientSessions.revoke(sessionId);
      return c.body(null, 204);
    },
  )
  .get(
    '/record',
    describe({
      summary:
        "The patient's own record and the aid version it is pinned to (patient session cookie)",
      tag: 'patient',
      auth: 'patient',
      responses: {
        200: { description: 'The record', schema: RecordView },
        401: 'No patient session',
        410: 'The invitation expired or was withdrawn',
      },
    }),
    requirePatient,
    (c) => c.json(c.var.access.view satisfies RecordView),
  )
  .put(
    '/record/steps/:step',
    describe({
      summary: "Save one step's answers, if the record is still at the revision they were based on",
      tag: 'patient',
      auth: 'patient',
      body: true,
      responses: {
        200: { description: 'Saved', schema: DecisionRecord },
        401: 'No patient session',
        409: 'Changed in another window: `current` holds what is saved now',
      },
    }),
    requirePatient,
    pathParams(StepParams),
    jsonBody(StepUpdate),
    async (c) => {
      const { step } = c.req.valid('param');
      const { revision, answers } = c.req.valid('json');
      const { orgId, view } = c.var.access;
      const { record, aid } = view;
      const allowed = transition(record.status, 'save-answers', 'patient');
      if (!allowed.ok) throw recordRefused(allowed.refusal, record);

      const parsed = StepAnswers[step].safeParse(answers);
      if (!parsed.success) {
        throw new ProblemError('validation-failed', {
          detail: 'Some answers need a second look; nothing was saved.',
          errors: fieldErrors(parsed.error).map((e) => ({ ...e, pointer: `/answers${e.pointer}` })),
        });
      }
      let stepAnswers = parsed.data as Partial<PatientAnswers>;
      // Step 4 asks only about the own concerns rated important now: the patient's
      // judgements of their other concerns are kept (they go only with the concern).
      if (stepAnswers.concernFits) {
        stepAnswers = {
          ...stepAnswers,
          concernFits: { ...record.answers.concernFits, ...stepAnswers.concernFits },
        };
      }
      const issues = answerIssues(aid.content, stepAnswers, record.answers);
      if (issues.length > 0) {
        throw new ProblemError('validation-failed', {
          detail: 'Some answers do not match this guide; nothing was saved.',
          errors: issues.map((issue) => ({
            pointer: toPointer(['answers', ...issue.path]),
            detail: issue.message,
          })),
        });
      }

      const nextStep = Math.max(record.currentStep, Math.min(stepNumber(step) + 1, STEP_COUNT));
      // The same answers sent twice (a double click, a resent form) save once;
      // different answers on an older revision were changed elsewhere.
      const alreadySaved = (current: DecisionRecord) =>
        current.currentStep >= nextStep &&
        Object.entries(stepAnswers).every(
          ([key, value]) =>
            canonicalJson(current.answers[key as keyof PatientAnswers]) === canonicalJson(value),
        );
      const staleAnswer = (current: DecisionRecord) => {
        if (alreadySaved(current)) return c.json(current satisfies DecisionRecord);
        // Decided meanwhile, at the visit: say so, rather than "changed elsewhere".
        const again = transition(current.status, 'save-answers', 'patient');
        throw again.ok ? new RecordChangedError(current) : recordRefused(again.refusal, current);
      };
      if (revision !== record.revision) return staleAnswer(record);
      try {
        const saved = await c.var.deps.store.records.save(orgId, record, {
          // A judgement about an own concern the patient took away goes with it.
          answers: withoutStaleJudgements({ ...record.answers, ...stepAnswers }),
          currentStep: nextStep,
        });
        return c.json(saved satisfies DecisionRecord);
      } catch (error) {
        if (error instanceof RecordChangedError) return staleAnswer(error.current);
        throw error;
      }
    },
  )
  .post(
    '/record/ready',
    describe({
      summary: 'Mark the record ready for the appointment (it can still be changed)',
      tag: 'patient',
      auth: 'patient',
      body: true,
      responses: {
        200: { description: 'Ready', schema: DecisionRecord },
        401: 'No patient session',
        409: 'Changed in another window',
      },
    }),
    requirePatient,
    jsonBody(ReadyRequest),
    async (c) => {
      const { orgId, view } = c.var.access;
      const { record } = view;
      const step = transition(record.status, 'mark-ready', 'patient');
      // Ready twice (a double click, a second device) is still ready.
      if (!step.ok && step.refusal === 'already-ready')
        return c.json(record satisfies DecisionRecord);
      if (!step.ok) throw recordRefused(step.refusal, record);
      const { revision } = c.req.valid('json');
      if (revision !== record.revision) throw new RecordChangedError(record);
      try {
        const saved = await c.var.deps.store.records.transition(orgId, record, {
          to: step.to,
          readyAt: c.var.deps.store.now().toISOString(),
          events: [{ type: 'ready', actor: { kind: 'patient' } }],
        });
        return c.json(saved.record satisfies DecisionRecord);
      } catch (error) {
        if (!(error instanceof RecordChangedError)) throw error;
        const again = transition(error.current.status, 'mark-ready', 'patient');
        if (!again.ok && again.refusal === 'already-ready')
          return c.json(error.current satisfies DecisionRecord);
        throw again.ok ? error : recordRefused(again.refusal, error.current);
      }
    },
  );
