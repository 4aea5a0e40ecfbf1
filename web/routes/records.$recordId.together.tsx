import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { DemoBanner } from '../components/aid-view/aid-view';
import {
  DecisionSummary,
  Leaning,
  Priorities,
  RecordGrid,
} from '../components/record/record-parts';
import { PageError } from '../components/route-error';
import { loadRecordPage } from '../lib/record-page.server';
import { ChangeBasis, Conflict } from '../components/record/change-basis';
import { recordAction, type RecordActionResult } from '../lib/record-actions.server';
import { revalidateAfterConflict } from '../lib/revalidate';
import { titled } from '../lib/page-title';

export const meta = titled('Together');

export const loader = loadRecordPage;

/** The patient's confirmation on this screen, as in the consult view; then back to the full record. */
export const action = recordAction;

/** After a conflict the screen shows the record as it is now, with the reason. */
export const shouldRevalidate = revalidateAfterConflict;

/**
 * "Show to the patient": the screen clinician and patient look at together.
 * Large type, none of the clinic's menus, only what the patient said and read.
 */
export default function Together() {
  const { view, clientToken } = useLoaderData<typeof loader>();
  // Only a refusal comes back here: a confirmation that is made goes on to the full record.
  const result = useActionData<RecordActionResult>();
  const { record, aid } = view;
  return (
    <main id="main" className="page together">
      <p className="together-exit">
        <Link to={`/records/${record.id}`}>Back to the full record</Link>
      </p>
      <DemoBanner demonstration={aid.demonstration} />
      <h1>{aid.content.question}</h1>
      <div className="consult-glance">
        <section aria-labelledby="together-priorities">
          <h2 id="together-priorities">What matters most to you</h2>
          <Priorities view={view} audience="patient" />
        </section>
        <section aria-labelledby="together-leaning">
          <h2 id="together-leaning">You were leaning towards</h2>
          <Leaning view={view} audience="patient" />
        </section>
      </div>
      <section aria-labelledby="together-grid">
        <h2 id="together-grid">Your options, on what matters most to you</h2>
        <RecordGrid view={view} highlightLabel="Matters to you" />
      </section>
      {record.decision ? (
        <section aria-labelledby="together-decision" className="panel">
          <h2 id="together-decision">What we decided together</h2>
          <DecisionSummary view={view} />
          <Conflict message={result && 'message' in result ? result.message : undefined} />
          {record.status === 'decided' ? (
            <Form method="post">
              <ChangeBasis revision={record.revision} clientToken={clientToken} />
              <button type="submit" name="intent" value="confirm" className="button-large">
                Yes, this is what we decided together
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
