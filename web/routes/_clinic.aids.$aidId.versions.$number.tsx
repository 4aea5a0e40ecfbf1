import { Link, useLoaderData } from '@remix-run/react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { AidView, formatDate } from '../components/aid-view/aid-view';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk } from '../lib/api.server';
import { patientText } from '../lib/patient-text';

export async function loader({ context, params }: LoaderFunctionArgs) {
  return expectOk(
    await apiClient(context).aids[':aidId'].versions[':number'].$get({
      param: { aidId: params.aidId ?? '', number: params.number ?? '' },
    }),
  );
}

/** A published version, frozen: exactly what patients invited to it see. */
export default function PublishedVersion() {
  const version = useLoaderData<typeof loader>();
  return (
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
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
