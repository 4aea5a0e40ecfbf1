import { useRouteLoaderData } from '@remix-run/react';
import type { Aid } from '#shared/aid/aids';
import { AidView } from '../components/aid-view/aid-view';
import { RouteError } from '../components/route-error';
import { patientText } from '../lib/patient-text';
import type { loader as aidLoader } from './_clinic.aids.$aidId';

/** The draft exactly as a patient would see it once published. */
export default function PreviewDraft() {
  const aid = useRouteLoaderData<typeof aidLoader>('routes/_clinic.aids.$aidId') as Aid;
  return (
    <section aria-label="Preview as a patient" className="preview-frame">
      <p className="notice">
        This is how patients will see the draft once it is published. Unsaved changes in the editor
        are not shown.
      </p>
      <AidView
        content={aid.content}
        demonstration={aid.demonstration}
        versionLine={patientText.draftLine}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
