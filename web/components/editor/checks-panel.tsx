import type { AidContent } from '#shared/aid/schema';
import type { AidChecks } from '#shared/checks/results';
import type { CriterionResult } from '#shared/checks/results';
import { fieldNameOf } from '../../lib/form-names';
import { editorFieldId } from '../../routes/_clinic.aids.$aidId._index/aid-form';

/** Where on the page a JSON pointer of the aid is: the field, or the item that holds it. */
export function anchorFor(pointer: string | undefined, content: AidContent): string {
  if (!pointer) return '#main';
  const parts = pointer.split('/').slice(1);
  const [collection, index, third, optionId, fifth] = parts;
  const field = (path: string) =>
    `#${encodeURIComponent(editorFieldId(fieldNameOf(path, content)))}`;
  const item = (list: Array<{ id: string }>, prefix: string) => {
    const found = list[Number(index)];
    return found
      ? `#${prefix}-${found.id}`
      : `#${prefix === 'option' || prefix === 'row' ? 'grid-heading' : 'sources-heading'}`;
  };
  if (parts.length === 1) {
    if (collection === 'options' || collection === 'rows') return '#grid-heading';
    if (collection === 'sources') return '#sources-heading';
    if (collection === 'authors' || collection === 'attestations') return '#authorship-heading';
  }
  if (parts.length === 2) {
    if (collection === 'options') return item(content.options, 'option');
    if (collection === 'rows') return item(content.rows, 'row');
    if (collection === 'sources') return item(content.sources, 'source');
  }
  if (collection === 'rows' && third === 'cells' && optionId) {
    const cell = `/rows/${index}/cells/${optionId}`;
    if (parts.length === 4 || fifth === 'sourceIds') return field(`${cell}/text`);
    if (fifth === 'number' && parts.length === 5) return field(`${cell}/number/numerator`);
  }
  return field(pointer);
}

function CriterionItem({
  criterion,
  content,
}: {
  criterion: CriterionResult;
  content: AidContent;
}) {
  const met = criterion.status === 'met';
  const notApplicable = criterion.status === 'not-applicable';
  return (
    <li className={`criterion criterion-${criterion.status}`}>
      <span className="criterion-mark" aria-hidden="true">
        {met ? '✓' : notApplicable ? '–' : '✗'}
      </span>
      <span>
        <strong>
          {criterion.id} {criterion.title}
        </strong>
        <span className="visually-hidden">
          {met ? ': met.' : notApplicable ? ': does not apply.' : ': missing.'}
        </span>{' '}
        {met || notApplicable ? (
          <span className="criterion-explanation">{criterion.explanation}</span>
        ) : (
          <a href={anchorFor(criterion.pointer, content)} className="criterion-explanation">
            {criterion.explanation}
          </a>
        )}
      </span>
    </li>
  );
}

/**
 * The live checklist: what IPDAS needs before publishing, advice on the other
 * checkable criteria, reading level and number wording. Each problem links to
 * the field that fixes it.
 */
export function ChecksPanel({
  checks,
  content,
}: {
  checks: AidChecks;
  /** The aid the checks were run on. */
  content: AidContent;
}) {
  const required = checks.ipdas.filter((c) => c.requiredToPublish);
  const advice = checks.ipdas.filter((c) => !c.requiredToPublish && c.status !== 'not-applicable');
  const adviceMissing = advice.filter((c) => c.status === 'missing');
  const { readability, numbers } = checks;
  return (
    <aside className="checks-panel" aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      <section aria-labelledby="ipdas-required">
        <h3 id="ipdas-required">Needed to publish (IPDAS)</h3>
        <p
          role="status"
          className={checks.blockers.length === 0 ? 'notice notice-success' : 'notice'}
        >
          {checks.blockers.length === 0
            ? 'All the criteria needed to publish are met.'
            : `${checks.blockers.length} of ${required.length} still missing.`}
        </p>
        <ul className="criteria">
          {required.map((criterion) => (
            <CriterionItem key={criterion.id} criterion={criterion} content={content} />
          ))}
        </ul>
      </section>
      <details className="checks-group" open={adviceMissing.length > 0 || undefined}>
        <summary>
          Quality advice:{' '}
          {adviceMissing.length === 0 ? 'all met' : `${adviceMissing.length} to consider`}
        </summary>
        <ul className="criteria">
          {advice.map((criterion) => (
            <CriterionItem key={criterion.id} criterion={criterion} content={content} />
          ))}
        </ul>
      </details>
      <section aria-labelledby="reading-heading">
        <h3 id="reading-heading">Reading level</h3>
        <p>
          Whole aid:{' '}
          {readability.overall.grade === null ? (
            'no text yet'
          ) : (
            <>
              grade {Math.round(readability.overall.grade)} (Flesch–Kincaid{' '}
              {readability.overall.fleschKincaidGrade}, SMOG {readability.overall.smogGrade}),{' '}
              {readability.overall.words} words. Aim for grade {readability.target} or lower.
            </>
          )}
        </p>
        {readability.aboveTarget.length > 0 ? (
          <>
            <p>Above grade {readability.target}:</p>
            <ul>
              {readability.aboveTarget.map((text) => (
                <li key={text.pointer}>
                  <a href={anchorFor(text.pointer, content)}>{text.label}</a>: grade{' '}
                  {Math.round(text.grade ?? 0)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No text of 10 words or more is above grade {readability.target}.</p>
        )}
      </section>
      <section aria-labelledby="numbers-heading">
        <h3 id="numbers-heading">Numbers and wording</h3>
        {numbers.length === 0 ? (
          <p>
            Nothing to fix: numbers share their totals and time frames, and no vague or relative
            wording was found.
          </p>
        ) : (
          <ul className="number-issues">
            {numbers.map((issue, i) => (
              <li key={`${issue.pointer}-${i}`}>
                <a href={anchorFor(issue.pointer, content)}>{issue.message}</a> {issue.suggestion}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
