import type { AidChange } from '#shared/aid/diff';

const kindWords: Record<AidChange['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Reordered',
};

/** A readable list of changes between two versions of an aid. */
export function ChangeList({
  changes,
  beforeLabel,
  afterLabel,
}: {
  changes: AidChange[];
  beforeLabel: string;
  afterLabel: string;
}) {
  return (
    <ul className="change-list">
      {changes.map((change, i) => (
        <li
          key={`${change.pointer}-${change.kind}-${i}`}
          className={`change change-${change.kind}`}
        >
          <p>
            <strong>{kindWords[change.kind]}:</strong> {change.label}
          </p>
          {change.before !== undefined || change.after !== undefined ? (
            <dl>
              {change.before !== undefined ? (
                <>
                  <dt>{beforeLabel}</dt>
                  <dd>
                    <del>{change.before}</del>
                  </dd>
                </>
              ) : null}
              {change.after !== undefined ? (
                <>
                  <dt>{afterLabel}</dt>
                  <dd>
                    <ins>{change.after}</ins>
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
