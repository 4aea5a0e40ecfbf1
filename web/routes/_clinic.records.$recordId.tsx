import { getFormProps } from '@conform-to/react';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
  type MetaFunction,
} from '@remix-run/react';
import { invitationLimits } from '#shared/invitation-limits';
import type { RecordView } from '#shared/record/schema';
import { currentDecision } from '#shared/record/decision-rules';
import { isDecided } from '#shared/record/lifecycle';
import { historyLines } from '#shared/record/summary';
import { DemoBanner, formatDate } from '../components/aid-view/aid-view';
import { FormError, Select } from '../components/field';
import {
  DecisionSummary,
  formatDateTime,
  Leaning,
  HowTheyWantToDecide,
  PatientWords,
  Priorities,
  TeachBack,
  RecordGrid,
  SureAnswers,
} from '../components/record/record-parts';
import { RouteError } from '../components/route-error';
import { loadRecordPage } from '../lib/record-page.server';
import { historyLine, recordStatusWords } from '../lib/record-text';
import { ChangeBasis, Conflict } from '../components/record/change-basis';
import { AmendForm, answerFor, DecideForm } from '../components/record/decision-form';
import { recordAction, type RecordActionResult } from '../lib/record-actions.server';
import { revalidateAfterConflict } from '../lib/revalidate';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.view.record.clinicReference ?? 'Record'} · ${data?.view.aid.title ?? ''} · Decide Together`,
  },
];

export const loader = loadRecordPage;

export const action = recordAction;

/** After a conflict the record is read again: the next try is based on it as it is now. */
export const shouldRevalidate = revalidateAfterConflict;

/** A decision refused because one was recorded first: said, with what was typed and not saved. */
function DecidedFirst({ result }: { result: RecordActionResult | undefined }) {
  if (result?.kind !== 'conflict' || result.form !== 'decide') return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{result.message}</p>
      {result.typed.length > 0 ? (
        <>
          <p>What you had written, not saved:</p>
          <ul className="patient-words">
            {result.typed.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

const doneMessages: Record<string, string> = {
  decided: 'The decision is recorded. The record is now locked: any change is an amendment.',
  confirmed: 'The patient’s confirmation is recorded.',
  amended: 'The amendment is added to the record.',
  extended: 'The patient’s link works for longer now.',
  withdrawn: 'The patient’s link is withdrawn. It no longer opens.',
};

function LinkPanel({ view, result }: { view: RecordView; result: RecordActionResult | undefined }) {
  const { link, record } = view;
  const extend = answerFor(result, 'extend');
  const withdraw = answerFor(result, 'withdraw');
  const [form, fields] = serverCheckedForm<{ invitationId: string; days: number }>({
    id: 'extend',
    lastResult: extend.lastResult,
    defaultValue: { days: invitationLimits.defaultDays },
  });
  const expired = new Date(link.expiresAt) <= new Date();
  if (link.revokedAt) {
    return (
      <p>
        Withdrawn on {formatDate(link.revokedAt)}. The patient can no longer open the record; create
        a new invitation if they need it again.
      </p>
    );
  }
  return (
    <>
      <p>
        {expired ? 'It stopped working on ' : 'It works until '}
        <strong>{formatDate(link.expiresAt)}</strong>.{' '}
        {isDecided(record.status)
          ? 'Until then the patient can read the decided record and download it.'
          : 'Until then the patient can change their answers.'}
      </p>
      <div className="button-row">
        <Form method="post" {...getFormProps(form)} className="inline-fields">
          <input type="hidden" name="invitationId" value={record.invitationId} />
          <Select
            meta={fields.days}
            label="Keep it working for"
            options={[7, 30, 60, invitationLimits.maxDays].map((days) => [
              String(days),
              `${days} more days from today`,
            ])}
          />
          <button type="submit" name="intent" value="extend" className="button-secondary">
            Keep the link working
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="invitationId" value={record.invitationId} />
          <button type="submit" name="intent" value="withdraw" className="button-danger">
            Withdraw the link
          </button>
        </Form>
      </div>
      <FormError form={form} />
      <Conflict message={extend.conflict ?? withdraw.conflict} />
    </>
  );
}

/** The consult view: what matters to the patient at a glance, the grid they read, and deciding together. */
export default function ConsultView() {
  const { view, clientToken, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { record, aid } = view;
  const decided = isDecided(record.status);
  const done = doneMessages[search.get('done') ?? ''];
  const confirm = answerFor(result, 'confirm');
  return (
    <article className="consult">
      <p className="breadcrumb">
        <Link to="/records">Records</Link>
      </p>
      <div className="consult-header">
        <h1>
          {record.clinicReference ?? 'No clinic reference'}{' '}
          <span className={`badge status-${record.status}`}>
            {recordStatusWords[record.status]}
          </span>
        </h1>
        <p className="muted">
          {aid.title}, version {aid.version} of {formatDate(aid.publishedAt)} · started{' '}
          {formatDate(record.createdAt)}
          {record.readyAt ? ` · ready ${formatDate(record.readyAt)}` : ''}
        </p>
        <p className="button-row consult-actions">
          <Link className="button" to={`/records/${record.id}/together`}>
            Show to the patient
          </Link>
          <a
            className="button button-secondary"
            href={`/api/records/${record.id}/export.pdf`}
            download
          >
            Download PDF
          </a>
          <a
            className="button button-secondary"
            href={`/api/records/${record.id}/export.fhir.json`}
            download
          >
            Download FHIR
          </a>
        </p>
      </div>
      <DemoBanner demonstration={aid.demonstration} />
      {done ? (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      ) : null}

      <div className="consult-glance">
        <section aria-labelledby="priorities-title">
          <h2 id="priorities-title">What matters to them</h2>
          <Priorities view={view} />
        </section>
        <section aria-labelledby="leaning-title">
          <h2 id="leaning-title">Leaning towards</h2>
          <Leaning view={view} />
          <h2 id="sure-title">Ready to decide? (SURE)</h2>
          <SureAnswers record={record} />
          <h2 id="how-title">How they want to decide</h2>
          <HowTheyWantToDecide record={record} />
          <h2 id="teach-back-title">Check of understanding (teach-back)</h2>
          <TeachBack view={view} />
        </section>
        <section aria-labelledby="words-title" className="consult-words">
          <h2 id="words-title">In their own words</h2>
          <PatientWords record={record} />
        </section>
      </div>

      <section aria-labelledby="grid-title">
        <h2 id="grid-title">The options, on what matters most to them</h2>
        <p className="muted">
          Version {aid.version}, exactly as the patient read it. What they rated as mattering quite
          a lot or a lot comes first, then what they marked without rating it.
        </p>
        <RecordGrid view={view} highlightLabel="Matters to them" />
      </section>

      <section aria-labelledby="decision-title" className="panel">
        <h2 id="decision-title">{decided ? 'What was decided' : 'Decide together'}</h2>
        {record.decision ? (
          <>
            <DecidedFirst result={result} />
            <DecisionSummary view={view} />
            {record.status === 'decided' ? (
              <Form method="post">
                <ChangeBasis revision={record.revision} clientToken={clientToken} />
                <Conflict message={confirm.conflict} />
                <button type="submit" name="intent" value="confirm">
                  The patient confirms on this screen
                </button>
              </Form>
            ) : null}
            <AmendForm
              // A saved amendment changes the decision it starts from: the form starts afresh.
              key={record.revision}
              content={aid.content}
              current={currentDecision(record.decision, record.amendments)}
              revision={record.revision}
              clientToken={clientToken}
              result={result}
              today={today}
            />
          </>
        ) : (
          <DecideForm
            content={aid.content}
            revision={record.revision}
            clientToken={clientToken}
            result={result}
            today={today}
          />
        )}
      </section>

      <section aria-labelledby="link-title">
        <h2 id="link-title">The patient&apos;s link</h2>
        <LinkPanel view={view} result={result} />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <p className="muted">The patient sees this history too.</p>
        <ol className="history">
          {historyLines(view.history).map(({ event, times, firstAt }) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> {historyLine(event)}
              {times > 1 ? ` (${times} times since ${formatDateTime(firstAt)})` : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
