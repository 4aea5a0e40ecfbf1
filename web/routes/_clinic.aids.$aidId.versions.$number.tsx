import { Link, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { VersionInsights } from '#shared/record/schema';
import { recordStatuses } from '#shared/record/lifecycle';
import { AidView, formatDate } from '../components/aid-view/aid-view';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';
import { patientText } from '../lib/patient-text';
import { recordStatusWords } from '../lib/record-text';

export async function loader({ context, params }: LoaderFunctionArgs) {
  const param = { aidId: params.aidId ?? '', number: params.number ?? '' };
  const version = apiClient(context).aids[':aidId'].versions[':number'];
  const [published, insights] = await Promise.all([
    version.$get({ param }).then(expectOk),
    version.insights.$get({ param }).then(expectOk),
  ]);
  return { version: published, insights };
}

/** Counts only, and none below the minimum: no patient can be singled out. */
function Insights({ insights }: { insights: VersionInsights }) {
  const { counts } = insights;
  return (
    <section aria-labelledby="insights-title" className="panel">
      <h2 id="insights-title">How patients used this version</h2>
      {counts === null ? (
        <p>
          Fewer than {insights.minimumRecords} patients have opened this version. Nothing is shown
          until then, so that no one can be singled out.
        </p>
      ) : (
        <div className="two-columns">
          <div>
            <h3>{counts.records} records</h3>
            <ul>
              {recordStatuses.map((status) => (
                <li key={status}>
                  {recordStatusWords[status]}: {counts.byStatus[status]}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Rated as mattering quite a lot or a lot</h3>
            {counts.important === null ? (
              <p>
                Shown once {insights.minimumRecords} patients have rated what matters to them (
                {counts.rated} so far).
              </p>
            ) : counts.important.length === 0 ? (
              <p>No consideration yet.</p>
            ) : (
              <ol>
                {counts.important.map((row) => (
                  <li key={row.rowId}>
                    {row.label}: {row.patients} of {counts.rated} patients who rated
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/** A published version, frozen: exactly what patients invited to it see, and how they used it. */
export default function PublishedVersion() {
  const { version, insights } = useLoaderData<typeof loader>();
  return (
    <>
      <Insights insights={insights} />
      <section aria-label={`Version ${version.number}`} className="preview-frame">
        <p className="notice">
          Version {version.number} was published by {version.publishedBy.name}. It never changes.{' '}
          <Link to={`/aids/${version.aidId}/versions?from=${version.number}&to=draft`}>
            Compare it with the draft
          </Link>
          {' · '}
          <a href={`/api/aids/${version.aidId}/export?version=${version.number}`} download>
            Export this version (JSON)
          </a>
        </p>
        <AidView
          content={version.content}
          demonstration={version.demonstration}
          versionLine={patientText.versionLine(version.number, formatDate(version.publishedAt))}
          readingGrade={version.readingGrade}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
