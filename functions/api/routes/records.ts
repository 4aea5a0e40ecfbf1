import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { Id } from '#shared/ids';
import type { Actor } from '#shared/aid/aids';
import { toPointer } from '#shared/pointer';
import {
  RecordPage,
  RecordQuery,
  RecordView,
  type AuditActor,
  type AuditEvent,
  type DecisionRecord,
} from '#shared/record/schema';
import {
  AmendmentRequest,
  ConfirmationRequest,
  DecisionRequest,
  decisionIssues,
  type Amendment,
  type Decision,
  type PatientConfirmation,
} from '#shared/record/decision';
import { amendmentDiff, currentDecision } from '#shared/record/decision-rules';
import { decisionLimits } from '#shared/record/decision-limits';
import { transition, type RecordAction, type RecordParty } from '#shared/record/lifecycle';
import { RecordChangedError } from '#functions/store/errors';
import type { RecordChange } from '#functions/store/records';
import { clinicianActor, readsWithSession, requireClinician } from '../auth';
import type { ApiEnv, RecordAccess } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';
import { auditActor, requireRecordReader } from '../record-access';
import { recordRefused } from '../record-problems';
import { jsonBody, pathParams, queryParams } from '../validate';

const RecordParams = z.object({ recordId: Id });

const readerResponses = {
  401: 'Not signed in, and no patient session',
  404: "No such record in the organisation, or another record's patient link",
  410: "The patient's link expired or was withdrawn",
};
const changeResponses = {
  403: "A patient's link cannot do this",
  404: 'No such record',
  409: 'The record is not at that point (already decided, not decided yet, already confirmed) or changed since it was read: `current` holds it now, `reason` says which',
};

type RecordContext = Context<ApiEnv>;

/** A clinician's openings of a record this close to their last event on it are one visit. */
const ONE_VISIT_MS = 10 * 60 * 1000;

/** Who acts on the record, as its history names them; a clinician is read once per change. */
async function whoActs(
  c: RecordContext,
): Promise<{ party: RecordParty; actor: Actor | null; audit: AuditActor }> {
  const { reader } = c.var.access;
  if (reader.kind === 'patient')
    return { party: 'patient', actor: null, audit: { kind: 'patient' } };
  const actor = clinicianActor(c);
  return { party: 'clinician', actor, audit: auditActor(actor) };
}

/** The view after a change: the new record, and the events just written first in its history. */
function viewAfter(access: RecordAccess, record: DecisionRecord, events: AuditEvent[]): RecordView {
  return { ...access.view, record, history: [...events, ...access.view.history] };
}

/**
 * One move of the record, the same way for every action: refused by the state
 * machine (403/409), done once for a repeated client token (200), refused if
 * the record changed since the caller read it (409), else written with its
 * audit events in one transaction (201).
 */
async function move(
  c: RecordContext,
  request: {
    action: RecordAction;
    party: RecordParty;
    revision: number;
    /** This request was already done: the record holds its client token. */
    done: (record: DecisionRecord) => boolean;
    change: (record: DecisionRecord) => Omit<RecordChange, 'to'>;
  },
) {
  const access = c.var.access;
  const { record } = access.view;
  if (request.done(record)) return c.json(access.view satisfies RecordView, 200);
  const step = transition(record.status, request.action, request.party);
  if (!step.ok) throw recordRefused(step.refusal, record);
  if (request.revision !== record.revision) throw recordRefused('changed', record);
  try {
    const saved = await c.var.deps.store.records.transition(access.orgId, record, {
      ...request.change(record),
      to: step.to,
    });
    return c.json(viewAfter(access, saved.record, saved.events) satisfies RecordView, 201);
  } catch (error) {
    if (!(error instanceof RecordChangedError)) throw error;
    const latest = error.current;
    // Sent twice at the same moment (a double click): the first one did it.
    if (request.done(latest))
      return c.json(viewAfter(access, latest, []) satisfies RecordView, 200);
    const again = transition(latest.status, request.action, request.party);
    throw recordRefused(again.ok ? 'changed' : again.refusal, latest);
  }
}

function invalid(detail: string, issues: Array<{ path: PropertyKey[]; message: string }>) {
  return new ProblemError('validation-failed', {
    detail,
    errors: issues.map((issue) => ({ pointer: toPointer(issue.path), detail: issue.message })),
  });
}

const today = (c: RecordContext) => c.var.deps.store.now().toISOString().slice(0, 10);

/** A clinician's read of one record starts with its partition: with the session, when there is one. */
const recordWithSession = readsWithSession((store, { orgId }, { recordId = '' }) =>
  Id.safeParse(recordId).success ? [store.records.getWithHistory(orgId, recordId)] : [],
);

export const records = new Hono<ApiEnv>()
  .use('/:recordId', recordWithSession)
  .use('/:recordId/*', recordWithSession)
  .get(
    '/',
    describe({
      summary:
        "The organisation's decision records, ready ones first and newest first in each status; filter by status and by aid",
      tag: 'records',
      auth: 'clinician',
      query: true,
      responses: { 200: { description: 'A page of records', schema: RecordPage } },
    }),
    requireClinician,
    queryParams(RecordQuery),
    async (c) => {
      const page = await c.var.deps.store.records.list(c.var.principal.orgId, c.req.valid('query'));
      return c.json(page satisfies RecordPage);
    },
  )
  .get(
    '/:recordId',
    describe({
      summary:
        "A record with the aid version the patient read and its history, for a clinician (audited) or the record's own patient",
      tag: 'records',
      auth: 'clinician',
      responses: { 200: { description: 'The record', schema: RecordView }, ...readerResponses },
    }),
    pathParams(RecordParams),
    requireRecordReader,
    async (c) => {
      const access = c.var.access;
      if (access.reader.kind === 'patient') return c.json(access.view satisfies RecordView);
      // Every clinician who opens a record is in its history, which the patient can read;
      // coming back to it within one visit (after a change, a reload) is the same opening.
      const last = access.view.history[0];
      const { reader } = access;
      if (
        last?.actor.kind === 'clinician' &&
        last.actor.id === reader.principal.clinicianId &&
        c.var.deps.store.now().getTime() - Date.parse(last.at) < ONE_VISIT_MS
      ) {
        return c.json(access.view satisfies RecordView);
      }
      const { audit } = await whoActs(c);
      const viewed = await c.var.deps.store.records.addEvent(access.orgId, access.view.record.id, {
        type: 'viewed',
        actor: audit,
      });
      return c.json(viewAfter(access, access.view.record, [viewed]) satisfies RecordView);
    },
  )
  .post(
    '/:recordId/decision',
    describe({
      summary:
        'Record what was decided together (an option, or not yet with the next step); locks the record. The same clientToken again returns the same decision',
      tag: 'records',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'Decided', schema: RecordView },
        200: {
          description: 'This decision was already recorded (same clientToken)',
          schema: RecordView,
        },
        ...changeResponses,
      },
    }),
    pathParams(RecordParams),
    requireClinician,
    requireRecordReader,
    jsonBody(DecisionRequest),
    async (c) => {
      const body = c.req.valid('json');
      const issues = decisionIssues(c.var.access.view.aid.content, body, today(c));
      if (issues.length > 0)
        throw invalid('The decision needs a second look; nothing was saved.', issues);
      const decidedBy = clinicianActor(c);
      const event = auditActor(decidedBy);
      const now = c.var.deps.store.now().toISOString();
      return move(c, {
        action: body.patientConfirmed ? 'decide-together' : 'decide',
        party: 'clinician',
        revision: body.revision,
        done: (record) => record.decision?.clientToken === body.clientToken,
        change: () => {
          const decision: Decision = {
            choice: body.choice,
            notes: body.notes,
            openQuestions: body.openQuestions,
            followUp: body.followUp,
            participants: body.participants,
            decidedAt: now,
            decidedBy,
            clientToken: body.clientToken,
          };
          const confirmation: PatientConfirmation | undefined = body.patientConfirmed
            ? {
                at: now,
                how: 'in-consultation',
                recordedBy: decidedBy,
                comment: '',
                amendmentsSeen: 0,
                clientToken: body.clientToken,
              }
            : undefined;
          return {
            decision,
            ...(confirmation ? { patientConfirmation: confirmation } : {}),
            events: [
              { type: 'decided', actor: event },
              ...(confirmation
                ? [{ type: 'confirmed' as const, actor: event, detail: 'in the consultation' }]
                : []),
            ],
          };
        },
      });
    },
  )
  .post(
    '/:recordId/confirmation',
    describe({
      summary:
        'The patient confirms the decision: through their own link (with an optional comment), or in person, recorded by a clinician',
      tag: 'records',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'Confirmed', schema: RecordView },
        200: {
          description: 'Already confirmed by this request (same clientToken)',
          schema: RecordView,
        },
        ...changeResponses,
        410: readerResponses[410],
      },
    }),
    pathParams(RecordParams),
    requireRecordReader,
    jsonBody(ConfirmationRequest),
    async (c) => {
      const body = c.req.valid('json');
      const { party, actor, audit } = await whoActs(c);
      if (party === 'clinician' && body.comment) {
        throw invalid('Only the patient adds a comment, through their own link.', [
          { path: ['comment'], message: 'Only the patient adds a comment, through their own link' },
        ]);
      }
      const now = c.var.deps.store.now().toISOString();
      return move(c, {
        action: 'confirm',
        party,
        revision: body.revision,
        done: (record) => record.patientConfirmation?.clientToken === body.clientToken,
        change: (record) => ({
          patientConfirmation: {
            at: now,
            how: party === 'patient' ? 'own-link' : 'in-consultation',
            recordedBy: actor,
            comment: body.comment ?? '',
            amendmentsSeen: record.amendments.length,
            clientToken: body.clientToken,
          },
          events: [
            {
              type: 'confirmed',
              actor: audit,
              detail: party === 'patient' ? 'through their own link' : 'in the consultation',
            },
          ],
        }),
      });
    },
  )
  .post(
    '/:recordId/amendments',
    describe({
      summary:
        'Correct a decided record: the change is appended with who, when, why and what changed, never overwritten',
      tag: 'records',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'Amended', schema: RecordView },
        200: {
          description: 'This amendment was already made (same clientToken)',
          schema: RecordView,
        },
        ...changeResponses,
      },
    }),
    pathParams(RecordParams),
    requireClinician,
    requireRecordReader,
    jsonBody(AmendmentRequest),
    async (c) => {
      const body = c.req.valid('json');
      const { record, aid } = c.var.access.view;
      const done = (r: DecisionRecord) => r.amendments.some((a) => a.id === body.clientToken);
      // Checked before the state: a repeat after the record moved on is still the same amendment.
      if (!done(record) && record.decision) {
        if (record.amendments.length >= decisionLimits.amendments) {
          throw recordRefused('too-many-amendments', record);
        }
        const diff = amendmentDiff(
          currentDecision(record.decision, record.amendments),
          body.changes,
        );
        if (Object.keys(diff.after).length === 0) {
          throw invalid('Nothing would change; nothing was saved.', [
            { path: ['changes'], message: 'Change at least one part of the decision' },
          ]);
        }
        const issues = decisionIssues(aid.content, diff.after, today(c)).map((issue) => ({
          ...issue,
          path: ['changes', ...issue.path],
        }));
        if (issues.length > 0)
          throw invalid('The amendment needs a second look; nothing was saved.', issues);
      }
      const by = clinicianActor(c);
      return move(c, {
        action: 'amend',
        party: 'clinician',
        revision: body.revision,
        done,
        change: (current) => {
          const diff = amendmentDiff(
            currentDecision(current.decision!, current.amendments),
            body.changes,
          );
          const amendment: Amendment = {
            id: body.clientToken,
            at: c.var.deps.store.now().toISOString(),
            by,
            reason: body.reason,
            ...diff,
          };
          return {
            amendment,
            events: [
              {
                type: 'amended',
                actor: auditActor(by),
                detail: Object.keys(diff.after).join(', '),
              },
            ],
          };
        },
      });
    },
  )
  .get(
    '/:recordId/export.pdf',
    describe({
      summary: 'The record as a PDF, marked as a draft until decided',
      tag: 'records',
      auth: 'clinician',
      responses: {
        200: { description: 'The PDF', contentType: 'application/pdf' },
        ...readerResponses,
      },
    }),
    pathParams(RecordParams),
    requireRecordReader,
    async (c) => {
      const access = c.var.access;
      const { store, loadPdfRenderer } = c.var.deps;
      const render = await loadPdfRenderer();
      const pdf = await render({ view: access.view, generatedAt: store.now().toISOString() });
      await noteExport(c, 'pdf');
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="decision-record-${access.view.record.id}.pdf"`,
      });
    },
  )
  .get(
    '/:recordId/export.fhir.json',
    describe({
      summary:
        'The record as a FHIR R4 document Bundle: Composition, QuestionnaireResponse and the Questionnaire of the aid version',
      tag: 'records',
      auth: 'clinician',
      responses: {
        200: { description: 'The Bundle', contentType: 'application/fhir+json' },
        ...readerResponses,
      },
    }),
    pathParams(RecordParams),
    requireRecordReader,
    async (c) => {
      const access = c.var.access;
      const { store, publicOrigin } = c.var.deps;
      // Only exports need FHIR: loaded with the first, not at every cold start.
      const { recordBundle } = await import('#shared/fhir/record-bundle');
      const bundle = recordBundle(access.view, {
        canonicalBase: publicOrigin,
        patientIdentifierSystem: access.organisation.patientIdentifierSystem ?? null,
        generatedAt: store.now().toISOString(),
      });
      await noteExport(c, 'fhir');
      return c.body(JSON.stringify(bundle), 200, {
        'Content-Type': 'application/fhir+json',
        'Content-Disposition': `attachment; filename="decision-record-${access.view.record.id}.fhir.json"`,
      });
    },
  );

/** A clinician's download is in the record's history; the patient's own is not. */
async function noteExport(c: RecordContext, format: 'pdf' | 'fhir') {
  const access = c.var.access;
  if (access.reader.kind === 'patient') return;
  const { audit } = await whoActs(c);
  await c.var.deps.store.records.addEvent(access.orgId, access.view.record.id, {
    type: 'exported',
    actor: audit,
    detail: format,
  });
}
