import type { AidContent } from '#shared/aid/schema';
import { diffAids } from '#shared/aid/diff-aids';
import type { Aid } from '#shared/aid/aids';
import { ChangeList } from '../../components/change-list';
import { EDITOR_FORM_ID } from './form-id';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Someone else saved while this author was editing. Nothing was overwritten:
 * the form still holds this author's text, and they choose which version stays.
 */
export function ConflictNotice({ conflict }: { conflict: { current: Aid; mine: AidContent } }) {
  const { current, mine } = conflict;
  const diff = diffAids(current.content, mine);
  return (
    <section
      className="notice notice-error conflict"
      role="alert"
      aria-labelledby="conflict-heading"
    >
      <h2 id="conflict-heading" tabIndex={-1}>
        Someone else saved this draft while you were editing
      </h2>
      <p>
        {current.updatedBy.name} saved revision {current.revision} at{' '}
        {when.format(new Date(current.updatedAt))}. Your changes are not saved yet, and nothing of
        theirs was overwritten. The form below still shows your version.
      </p>
      {diff.identical ? (
        <p>Your version and theirs are the same.</p>
      ) : (
        <details open>
          <summary>How your version differs from theirs ({diff.changes.length})</summary>
          <ChangeList changes={diff.changes} beforeLabel="Theirs" afterLabel="Yours" />
        </details>
      )}
      <div className="button-row">
        <button
          type="submit"
          form={EDITOR_FORM_ID}
          name="intent"
          value={`save-over:${current.revision}`}
        >
          Save my version instead of theirs
        </button>
        <a
          className="button button-secondary"
          href={`/aids/${current.id}?reload=${current.revision}`}
        >
          Discard my changes and open their version
        </a>
      </div>
    </section>
  );
}
