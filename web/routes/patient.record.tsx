import { getFormProps } from '@conform-to/react';
import { useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import type { AuditEvent, RecordView } from '#shared/record/schema';
import type { DecisionChoice, DecisionContent } from '#shared/record/decision';
import { currentDecision } from '#shared/record/decision-rules';
import { decisionLimits, NOT_DECIDED } from '#shared/record/decision-limits';
import {
  historyLines,
  leaningName,
  patientPriorities,
  questionLines,
} from '#shared/record/summary';
import { formatDate } from '../components/aid-view/aid-view';
import { TextArea } from '../components/field';
import { PatientError } from '../components/patient/patient-error';
import { newClientToken } from '../lib/client-token.server';
import { confirmDecision } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta: MetaFunction = () => [
  { title: `${patientText.recordTitle} · ${patientText.siteName}` },
  { name: 'robots', content: 'noindex' },
];

/** The record itself comes with the patient layout; this page adds a token for its one form. */
export const loader = () => ({ clientToken: newClientToken() });

export const action = ({ context, request }: ActionFunctionArgs) =>
  confirmDecision(context, request);

function choiceText(view: RecordView, choice: DecisionChoice): string {
  if (choice.kind === NOT_DECIDED)
    return `${patientText.notDecidedYet} ${patientText.nextStep(choice.nextStep, formatDate(choice.nextStepBy))}`;
  return view.aid.content.options.find((o) => o.id === choice.optionId)?.name ?? '';
}

function partText(view: RecordView, field: keyof DecisionContent, value: unknown): string {
  if (value === undefined) return '';
  if (field === 'choice') return choiceText(view, value as DecisionChoice);
  if (Array.isArray(value)) return value.join('; ') || patientText.noneWritten;
  return String(value) || patientText.noneWritten;
}

function historyText(event: AuditEvent, times: number): string {
  const name = event.actor.kind === 'clinician' ? event.actor.name : '';
  const { history } = patientText;
  switch (event.type) {
    case 'opened':
      return history.opened;
    case 'ready':
      return history.ready;
    case 'viewed':
      return times > 1 ? history.viewedTimes(name, times) : history.viewed(name);
    case 'exported':
      return history.exported(name);
    case 'decided':
      return history.decided(name);
    case 'confirmed':
      return event.actor.kind === 'patient'
        ? history.confirmedByYou
        : history.confirmedAtVisit(name);
    case 'amended':
      return history.amended(name);
    case 'link-extended':
      return history.extended(name, event.detail ? formatDate(event.detail) : '');
    case 'link-withdrawn':
      return history.withdrawn(name);
  }
}

/** After the visit: the decided record, to read, confirm, download and keep. Never to change. */
export default function PatientRecord() {
  const view = usePatientView();
  const { clientToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const [form, fields] = serverCheckedForm<{ comment: string }>({
    id: 'confirm',
    lastResult: result?.reply,
  });
  const { record, aid } = view;
  const { decision, amendments, patientConfirmation } = record;
  if (!decision) return null;
  const current = currentDecision(decision, amendments);
  const priorities = patientPriorities(aid.content, record.answers);
  const leaning = leaningName(aid.content, record.answers.leaning);
  const questions = questionLines(record.answers.questions);
  return (
    <>
      <h1 tabIndex={-1}>{patientText.recordTitle}</h1>
      <p>{patientText.recordIntro}</p>
      <p className="lead">{aid.title}</p>
      {search.has('confirmed') ? (
        <p className="notice notice-success" role="status">
          {patientText.confirmedOn(formatDate(patientConfirmation?.at ?? record.updatedAt))}
        </p>
      ) : null}
      <p>
        <a href="/patient/record.pdf" download className="button">
          {patientText.downloadRecord}
        </a>
      </p>

      <section aria-labelledby="decided-title" className="summary-section">
        <h2 id="decided-title">{patientText.decidedTitle}</h2>
        <p className="lead">{choiceText(view, current.choice)}</p>
        <h3>{patientText.notesTitle}</h3>
        <p className="pre-wrap">{current.notes || patientText.noneWritten}</p>
        <h3>{patientText.openQuestionsTitle}</h3>
        {current.openQuestions.length === 0 ? (
          <p>{patientText.noneWritten}</p>
        ) : (
          <ul>
            {current.openQuestions.map((question, i) => (
              <li key={i}>{question}</li>
            ))}
          </ul>
        )}
        <h3>{patientText.followUpTitle}</h3>
        <p>{current.followUp || patientText.noneWritten}</p>
        {current.participants ? (
          <>
            <h3>{patientText.participantsTitle}</h3>
            <p>{current.participants}</p>
          </>
        ) : null}
        <p className="muted">
          {patientText.decisionWrittenBy(decision.decidedBy.name, formatDate(decision.decidedAt))}
        </p>
      </section>

      {amendments.length > 0 ? (
        <section aria-labelledby="changes-title" className="summary-section">
          <h2 id="changes-title">{patientText.changesTitle}</h2>
          <ol>
            {amendments.map((amendment) => (
              <li key={amendment.id}>
                <p>{patientText.changeLine(formatDate(amendment.at), amendment.by.name)}</p>
                <p>
                  {patientText.changeReason}: {amendment.reason}
                </p>
                <ul>
                  {(Object.keys(amendment.after) as Array<keyof DecisionContent>).map((field) => (
                    <li key={field}>
                      {patientText.decisionParts[field]}:{' '}
                      <del>{partText(view, field, amendment.before[field])}</del> →{' '}
                      <ins>{partText(view, field, amendment.after[field])}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="confirm-title" className="summary-section">
        <h2 id="confirm-title">{patientText.confirmTitle}</h2>
        {patientConfirmation ? (
          <>
            <p>
              {patientConfirmation.how === 'own-link'
                ? patientText.confirmedOn(formatDate(patientConfirmation.at))
                : patientText.confirmedAtVisit(formatDate(patientConfirmation.at))}
            </p>
            {patientConfirmation.comment ? (
              <p>
                {patientText.yourComment}: <q className="pre-wrap">{patientConfirmation.comment}</q>
              </p>
            ) : null}
            {amendments.length > patientConfirmation.amendmentsSeen ? (
              <p>{patientText.changedAfter}</p>
            ) : null}
            {result?.kind === 'already-confirmed' ? (
              <p className="notice notice-warning" role="alert">
                {patientText.commentNotKept(String(result.reply.initialValue?.['comment'] ?? ''))}
              </p>
            ) : null}
          </>
        ) : (
          <form method="post" {...getFormProps(form)}>
            <input type="hidden" name="recordId" value={record.id} />
            <input type="hidden" name="revision" value={record.revision} />
            <input type="hidden" name="clientToken" value={clientToken} />
            <p>{patientText.confirmIntro}</p>
            {result?.kind === 'changed' ? (
              <p className="notice notice-error" role="alert">
                {patientText.recordChanged}
              </p>
            ) : null}
            {result?.kind === 'invalid' && form.errors?.[0] ? (
              <p className="notice notice-error" role="alert" id={form.errorId}>
                {form.errors[0]}
              </p>
            ) : null}
            <TextArea
              meta={fields.comment}
              label={patientText.commentLabel}
              hint={patientText.commentHint}
              maxLength={decisionLimits.patientComment}
              rows={3}
            />
            <button type="submit" className="button-large">
              {patientText.confirmButton}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="answers-title" className="summary-section">
        <h2 id="answers-title">{patientText.yourAnswersTitle}</h2>
        <h3>{patientText.yourRatings}</h3>
        {priorities.length === 0 ? (
          <p>{patientText.nothingYet}</p>
        ) : (
          <ul>
            {priorities.map((priority) => (
              <li key={`${priority.kind}-${priority.id}`}>
                {priority.label}: <strong>{patientText.ratingLabels[priority.rating]}</strong>
              </li>
            ))}
          </ul>
        )}
        <h3>{patientText.yourLeaning}</h3>
        <p>{leaning ?? patientText.nothingYet}</p>
        <h3>{patientText.yourQuestions}</h3>
        {questions.length === 0 ? (
          <p>{patientText.nothingYet}</p>
        ) : (
          <ul>
            {questions.map((question, i) => (
              <li key={i}>{question}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-title" className="summary-section">
        <h2 id="history-title">{patientText.historyTitle}</h2>
        <p>{patientText.historyIntro}</p>
        <ul>
          {historyLines(view.history).map(({ event, times }) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatDate(event.at)}</time>: {historyText(event, times)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
