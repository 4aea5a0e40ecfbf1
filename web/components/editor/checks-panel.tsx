import type { AidContent } from '#shared/aid/schema';
import type { AidChecks } from '#shared/checks/results';
import type { CriterionResult } from '#shared/checks/results';
import { fieldNameOf } from '../../lib/form-names';
import { editorFieldId } from '../../routes/_clinic.aids.$aidId._index/form-id';
import { cellAnchor, cellSourcesAnchor } from './editor-anchors';

/** Where on the page a JSON pointer of the aid is: the field, or the item that holds it. */
export function anchorFor(pointer: string | undefined, content: AidContent): string {
  if (!pointer) return '#main';
  const parts = pointer.split('/').slice(1);
  const [collection, index, third, optionId, fifth, sixth, seventh] = parts;
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
    if (collection === 'attestations') return field(`${pointer}/done`);
  }
  if (collection === 'rows' && third === 'cells' && optionId) {
    const cell = `/rows/${index}/cells/${optionId}`;
    const rowId = content.rows[Number(index)]?.id;
    if (parts.length === 4) return field(`${cell}/text`);
    if (fifth === 'sourceIds' && rowId !== undefined)
      return `#${content.sources.length > 0 ? cellSourcesAnchor(rowId, optionId) : cellAnchor(rowId, optionId)}`;
    if (fifth === 'numbers') {
      if (sixth === undefined)
        return rowId === undefined ? '#grid-heading' : `#${cellAnchor(rowId, optionId)}`;
      const number = `${cell}/numbers/${sixth}`;
      // A number's caption, or the number as a whole: its first field.
      if (seventh === undefined) return field(`${number}/outcome`);
      if (seventh === 'timeFrame' && parts.length === 7) return field(`${number}/timeFrame/value`);
      if (seventh === 'range' && parts.length === 7) return field(`${number}/range/low`);
    }
  }
  return field(pointer);
}

/**
 * How a criterion is named to authors: its IPDAS number. The checks' ids
 * tell apart several checks of one criterion ('Q4-substance', 'C4-due') or
 * name a range ('B24-B28'); the author sees 'Q4', 'C4', 'B24–B28'.
 */
export function criterionCode(id: string): string {
  const codes = id.split('-').filter((part) => /^[QCB]\d+$/.test(part));
  return codes.length > 0 ? codes.join('–') : id;
}

/** How a criterion's state is said; one software can only see is there is "given", never "met". */
export function statusWord(criterion: Pick<CriterionResult, 'status' | 'presenceOnly'>): string {
  if (criterion.status === 'not-applicable') return 'does not apply';
  if (criterion.status === 'missing') return 'missing';
  return criterion.presenceOnly ? 'given' : 'met';
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
          {criterionCode(criterion.id)} {criterion.title}
        </strong>
        <span className="visually-hidden">{`: ${statusWord(criterion)}.`}</span>{' '}
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
        {readability.measured ? (
          <ReadingLevel readability={readability} content={content} />
        ) : (
          <p>Reading level is measured for English only.</p>
        )}
      </section>
      <section aria-labelledby="numbers-heading">
        <h3 id="numbers-heading">Numbers and wording</h3>
        <p>{numbersReadText(checks.numbersRead, numbers.length)}</p>
        {numbers.length > 0 ? (
          <ul className="number-issues">
            {numbers.map((issue, i) => (
              <li key={`${issue.pointer}-${i}`}>
                <a href={anchorFor(issue.pointer, content)}>{issue.message}</a> {issue.suggestion}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </aside>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the number checks read, so that "nothing to fix" is said only of
 * numbers that were there: "Read 12 numbers in the grid and 3 in the words".
 */
export function numbersReadText(read: AidChecks['numbersRead'], issues: number): string {
  if (read.structured + read.inText === 0) {
    return issues === 0
      ? 'No numbers found yet: nothing to compare. No vague or relative wording was found.'
      : 'No numbers found yet. About the wording:';
  }
  const what = `Read ${count(read.structured, 'number', 'numbers')} in the grid and ${read.inText} in the words`;
  return issues === 0
    ? `${what}: nothing to fix. They share their totals and time frames, and no vague or relative wording was found.`
    : `${what}. To look at:`;
}

/** Hard words shown at most, so the panel stays short; the rest are counted. */
const HARD_WORDS_SHOWN = 12;

function ReadingLevel({
  readability,
  content,
}: {
  readability: AidChecks['readability'];
  content: AidContent;
}) {
  const hardWords = readability.hardWords.slice(0, HARD_WORDS_SHOWN);
  const more = readability.hardWords.length - hardWords.length;
  return (
    <>
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
      {hardWords.length > 0 ? (
        <>
          <p id="hard-words-heading">Hard words, even in short texts:</p>
          <ul className="hard-words" aria-labelledby="hard-words-heading">
            {hardWords.map((hard, i) => (
              <li key={`${hard.pointer}-${hard.word}-${i}`}>
                <a href={anchorFor(hard.pointer, content)}>“{hard.word}”</a>{' '}
                {hard.plainer ? <>→ try “{hard.plainer}”</> : '→ try a shorter, everyday word'}{' '}
                <span className="hard-word-where">({hard.label})</span>
              </li>
            ))}
          </ul>
          {more > 0 ? <p>…and {count(more, 'more', 'more')}.</p> : null}
        </>
      ) : (
        <p>No long or technical words found.</p>
      )}
    </>
  );
}
