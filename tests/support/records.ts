import type { AidContent } from '#shared/aid/schema';
import type { Amendment } from '#shared/record/decision';
import type { DecisionRecord, RecordView } from '#shared/record/schema';
import { publishableAid } from './aids';

/**
 * A record as the API shows it, for tests of what is made from it (PDF, FHIR,
 * summaries): the test aid, a patient's answers, and optionally a decision.
 */
export function recordView(
  options: {
    status?: DecisionRecord['status'];
    decided?: boolean;
    content?: AidContent;
    record?: Partial<DecisionRecord>;
    demonstration?: boolean;
  } = {},
): RecordView {
  const content = options.content ?? publishableAid();
  const decided = options.decided ?? false;
  const status = options.status ?? (decided ? 'decided' : 'ready');
  const decidedBy = { id: 'demo-clinician', name: 'Dr Alex Morgan' };
  const record: DecisionRecord = {
    id: 'rec-1',
    invitationId: 'inv-1',
    aidId: 'aid-1',
    aidVersion: 3,
    aidTitle: content.title,
    clinicReference: 'Appt 4417',
    status,
    statusAt: '2026-11-20T10:00:00.000Z',
    createdAt: '2026-11-18T09:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    readyAt: '2026-11-19T20:00:00.000Z',
    currentStep: 7,
    revision: 9,
    answers: {
      howToDecide: {
        role: 'together',
        others: 'My daughter, Sam',
        pressure: 'no',
        timing: 'weeks',
      },
      marks: ['rash'],
      ratings: { better: 4, rash: 3, life: 1 },
      ownConcerns: [{ id: 'own-1', text: 'Keeping my hands free for work', rating: 4 }],
      leaning: 'a',
      concernFits: { 'own-1': { a: 'helps', b: 'ask' } },
      sure: { sure: false, understand: true, riskBenefit: true, encouragement: true },
      understanding: {},
      worries: 'I worry about thin skin.',
      questions: 'How long before it works?\nCan I stop early?',
      readElsewhere: { note: 'A leaflet from the pharmacy.', link: 'https://example.org/eczema' },
    },
    decision: decided
      ? {
          choice: { kind: 'option', optionId: 'a' },
          notes: 'Start with the cream for 2 weeks, then review.',
          openQuestions: ['Whether the rash will come back in winter'],
          followUp: 'Phone review in 2 weeks',
          participants: 'Her daughter',
          decidedAt: '2026-11-20T10:00:00.000Z',
          decidedBy,
          clientToken: 'decision-token-1',
        }
      : null,
    amendments: [],
    patientConfirmation:
      status === 'confirmed'
        ? {
            at: '2026-11-20T10:00:00.000Z',
            how: 'in-consultation',
            recordedBy: decidedBy,
            comment: '',
            amendmentsSeen: 0,
            clientToken: 'confirm-token-1',
          }
        : null,
    ...options.record,
  };
  return {
    record,
    aid: {
      id: record.aidId,
      title: content.title,
      version: record.aidVersion,
      publishedAt: '2026-11-01T12:00:00.000Z',
      demonstration: options.demonstration ?? false,
      readingGrade: 6.5,
      content,
    },
    organisationName: 'Demo Clinic',
    link: { expiresAt: '2026-12-18T09:00:00.000Z', revokedAt: null },
    history: [
      {
        id: 'e2',
        at: '2026-11-20T09:55:00.000Z',
        type: 'viewed',
        actor: { kind: 'clinician', ...decidedBy },
        detail: null,
      },
      {
        id: 'e1',
        at: '2026-11-18T09:00:00.000Z',
        type: 'opened',
        actor: { kind: 'patient' },
        detail: null,
      },
    ],
  };
}

/** An amendment that changes the choice from option a to option b. */
export function choiceAmendment(fields: Pick<Amendment, 'id' | 'at' | 'by' | 'reason'>): Amendment {
  return {
    ...fields,
    before: { choice: { kind: 'option', optionId: 'a' } },
    after: { choice: { kind: 'option', optionId: 'b' } },
  };
}
