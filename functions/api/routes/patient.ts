import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import { canonicalJson } from '#shared/canonical-json';
import { fieldErrors, toPointer } from '#shared/problem';
import {
  answerIssues,
  DecisionRecord,
  RecordView,
  StepAnswers,
  stepNames,
  stepNumber,
  StepUpdate,
  type PatientAnswers,
} from '#shared/record';
import { isDecided, transition } from '#shared/record/lifecycle';
import { STEP_COUNT } from '#shared/record-rules';
import { PATIENT_COOKIE } from '../../auth/cookies';
import { StaleRevisionError } from '../../store/errors';
import type { InvitationItem } from '../../store/invitations';
import type { Store } from '../../store/store';
import type { ApiEnv } from '../env';
import type { Operation } from '../openapi';
import { named } from '../schema-names';
import { ProblemError } from '../problem-error';
import { linkGone, requirePatient } from '../record-access';
import { recordRefused } from '../record-problems';
import { jsonBody, pathParams } from '../validate';

/** The link's token travels in a body, never in a URL the API logs. */
const LinkToken = named('LinkToken', z.object({ token: z.string().min(20).max(200) }));

export const PatientLink = named(
  'PatientLink',
  z.object({
    aidTitle: z.string(),
    organisationName: z.string(),
    expiresAt: z.iso.datetime(),
    demonstration: z.boolean(),
    /** The consultation has happened: the link opens the decided record, to read and confirm. */
    decided: z.boolean(),
  }),
);

export const PatientSession = named(
  'PatientSession',
  z.object({ sessionId: z.string(), expiresAt: z.iso.datetime() }),
);

const StepParams = z.object({ step: z.enum(stepNames) });
const ReadyRequest = named('ReadyRequest', z.object({ revision: z.int().min(1) }));

export const patientOperations: Operation[] = [
  {
    method: 'post',
    path: '/patient/link',
    summary:
      'What an invitation link opens, without opening it (404 unknown, 410 expired or withdrawn)',
    tag: 'patient',
    auth: false,
    body: LinkToken,
    responses: {
      200: { description: 'The link works', schema: PatientLink },
      404: { description: 'Unknown link' },
      410: { description: 'Expired or withdrawn' },
    },
  },
  {
    method: 'post',
    path: '/patient/sessions',
    summary:
      "Open an invitation link: creates the patient's record once, and a session for that record only",
    tag: 'patient',
    auth: false,
    body: LinkToken,
    responses: {
      201: { description: 'The session', schema: PatientSession },
      404: { description: 'Unknown link' },
      410: { description: 'Expired or withdrawn' },
    },
  },
  {
    method: 'delete',
    path: '/patient/sessions/current',
    summary: "End the patient's session on this device",
    tag: 'patient',
    auth: false,
    responses: { 204: { description: 'Ended, or there was none' } },
  },
  {
    method: 'get',
    path: '/patient/record',
    summary:
      "The patient's own record and the aid version it is pinned to (patient session cookie)",
    tag: 'patient',
    auth: false,
    responses: {
      200: { description: 'The record', schema: RecordView },
      401: { description: 'No patient session' },
      410: { description: 'The invitation expired or was withdrawn' },
    },
  },
  {
    method: 'put',
    path: '/patient/record/steps/{step}',
    summary: "Save one step's answers, if the record is still at the revision they were based on",
    tag: 'patient',
    auth: false,
    params: StepParams,
    body: StepUpdate,
    responses: {
      200: { description: 'Saved', schema: DecisionRecord },
      401: { description: 'No patient session' },
      409: { description: 'Changed in another window: `current` holds what is saved now' },
    },
  },
  {
    method: 'post',
    path: '/patient/record/ready',
    summary: 'Mark the record ready for the appointment (it can still be changed)',
    tag: 'patient',
    auth: false,
    body: ReadyRequest,
    responses: {
      200: { description: 'Ready', schema: DecisionRecord },
      401: { description: 'No patient session' },
      409: { description: 'Changed in another window' },
    },
  },
];

/** A patient session lasts a day; opening the link again starts a new one. */
const PATIENT_SESSION_MS = 24 * 3600 * 1000;

function unknownLink(): ProblemError {
  return new ProblemError('not-found', { detail: 'We could not find this link.' });
}

/** The invitation of a link that still opens: 404 for an unknown token, 410 for an expired or withdrawn one. */
async function openInvitation(store: Store, token: string): Promise<InvitationItem> {
  const invitation = await store.invitations.findByToken(token);
  if (!invitation) throw unknownLink();
  const gone = linkGone(invitation, store.now());
  if (gone) throw gone;
  return invitation;
}

export const patient = new Hono<ApiEnv>()
  .post('/link', jsonBody(LinkToken), async (c) => {
    const { store } = c.var.deps;
    const invitation = await openInvitation(store, c.req.valid('json').token);
    const [organisation, version] = await Promise.all([
      store.people.organisation(invitation.orgId),
      store.aids.getVersion(invitation.orgId, invitation.aidId, invitation.aidVersion),
    ]);
    if (!organisation || !version) throw unknownLink();
    return c.json({
      aidTitle: version.title,
      organisationName: organisation.name,
      expiresAt: invitation.expiresAt,
      demonstration: version.demonstration,
      decided: invitation.recordStatus !== null && isDecided(invitation.recordStatus),
    } satisfies z.infer<typeof PatientLink>);
  })
  .post('/sessions', jsonBody(LinkToken), async (c) => {
    const { store } = c.var.deps;
    const invitation = await openInvitation(store, c.req.valid('json').token);
    const record = await store.records.openFor(invitation);
    const expiresAt = new Date(
      Math.min(
        store.now().getTime() + PATIENT_SESSION_MS,
        new Date(invitation.expiresAt).getTime(),
      ),
    );
    const session = await store.patientSessions.create(
      { orgId: invitation.orgId, recordId: record.id },
      expiresAt,
    );
    return c.json({ sessionId: session.id, expiresAt: expiresAt.toISOString() }, 201, {
      'Cache-Control': 'no-store',
    });
  })
  .delete('/sessions/current', async (c) => {
    const sessionId = getCookie(c, PATIENT_COOKIE);
    if (sessionId) await c.var.deps.store.patientSessions.revoke(sessionId);
    return c.body(null, 204);
  })
  .get('/record', requirePatient, (c) => c.json(c.var.access.view satisfies RecordView))
  .put(
    '/record/steps/:step',
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
      const stepAnswers = parsed.data as Partial<PatientAnswers>;
      const issues = answerIssues(aid.content, stepAnswers);
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
        throw changedElsewhere(current);
      };
      if (revision !== record.revision) return staleAnswer(record);
      try {
        const saved = await c.var.deps.store.records.save(orgId, record, {
          answers: { ...record.answers, ...stepAnswers },
          currentStep: nextStep,
        });
        return c.json(saved satisfies DecisionRecord);
      } catch (error) {
        if (error instanceof StaleRevisionError)
          return staleAnswer(error.current as DecisionRecord);
        throw error;
      }
    },
  )
  .post('/record/ready', requirePatient, jsonBody(ReadyRequest), async (c) => {
    const { orgId, view } = c.var.access;
    const { record } = view;
    const step = transition(record.status, 'mark-ready', 'patient');
    // Ready twice (a double click, a second device) is still ready.
    if (!step.ok && step.refusal === 'already-ready')
      return c.json(record satisfies DecisionRecord);
    if (!step.ok) throw recordRefused(step.refusal, record);
    const { revision } = c.req.valid('json');
    if (revision !== record.revision) throw changedElsewhere(record);
    try {
      const saved = await c.var.deps.store.records.transition(orgId, record, {
        to: step.to,
        readyAt: c.var.deps.store.now().toISOString(),
        events: [{ type: 'ready', actor: { kind: 'patient' } }],
      });
      return c.json(saved.record satisfies DecisionRecord);
    } catch (error) {
      if (error instanceof StaleRevisionError)
        throw changedElsewhere(error.current as DecisionRecord);
      throw error;
    }
  });

function changedElsewhere(current: DecisionRecord): ProblemError {
  return new ProblemError('conflict', {
    detail: 'This was changed in another window. Nothing here was saved over it.',
    extensions: { current },
  });
}
