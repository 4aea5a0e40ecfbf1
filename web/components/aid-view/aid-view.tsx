import type { ReactNode } from 'react';
import type { AidContent, AidRow, Cell, NaturalFrequency } from '#shared/aid/schema';
import { cellOf, isBlank } from '#shared/aid/cells';
import { numberSentence, numberWords } from '#shared/aid/number-words';
import { ATTESTATION_STEPS } from '#shared/aid/words';
import { patientText } from '../../lib/patient-text';
import { IconArray } from './icon-array';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
/** Source dates may be a year or a month only. */
const formatSourceDate = (date: string | undefined) => {
  if (!date) return patientText.noDate;
  if (/^\d{4}$/.test(date)) return date;
  if (/^\d{4}-\d{2}$/.test(date)) {
    return new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}-01`));
  }
  return formatDate(date);
};

type Heading = 'h1' | 'h2' | 'h3';

export function DemoBanner({ demonstration }: { demonstration: boolean }) {
  return demonstration ? (
    <p className="notice notice-warning">{patientText.demonstrationBanner}</p>
  ) : null;
}

/** The decision, the condition and who the guide is for; "there is no right answer". */
export function DecisionIntro({ content, Sub }: { content: AidContent; Sub: Heading }) {
  return (
    <>
      <Sub>{patientText.theDecision}</Sub>
      <p className="decision-question">{content.question}</p>
      <p>{patientText.noRightAnswer}</p>
      <Sub>{patientText.theCondition}</Sub>
      <p>{content.condition}</p>
      {content.audience ? (
        <p>
          <strong>{patientText.whoFor}:</strong> {content.audience}
        </p>
      ) : null}
    </>
  );
}

export function OptionList({ content }: { content: AidContent }) {
  return (
    <ul className="option-list">
      {content.options.map((option) => (
        <li key={option.id}>
          <strong>{option.name}</strong>
          {option.isNoAction ? <span className="badge">{patientText.noActionOption}</span> : null}
          <p>{option.description}</p>
        </li>
      ))}
    </ul>
  );
}

function Answer({
  cell,
  content,
  demonstration,
}: {
  cell: Cell;
  content: AidContent;
  demonstration: boolean;
}) {
  const sourceNumbers = cell.sourceIds
    .map((id) => content.sources.findIndex((s) => s.id === id) + 1)
    .filter((i) => i > 0);
  return (
    <div className="answer">
      {isBlank(cell.text) ? <p className="muted">{patientText.notAnswered}</p> : <p>{cell.text}</p>}
      {cell.numbers.map((n, i) => (
        <NumberFigure key={i} n={n} demonstration={demonstration} />
      ))}
      {cell.certainty ? <p className="certainty">{patientText.certainty[cell.certainty]}</p> : null}
      {sourceNumbers.length > 0 ? (
        <p className="cites">
          {sourceNumbers.map((i) => (
            <a key={i} href={`#source-${i}`}>
              {patientText.sourceNumber(i)}
            </a>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** One question's answers, option by option, as a card shows them on a phone. */
function CardAnswers({
  row,
  content,
  demonstration,
}: {
  row: AidRow;
  content: AidContent;
  demonstration: boolean;
}) {
  return (
    <dl>
      {content.options.map((option) => (
        <div key={option.id}>
          <dt>{option.name}</dt>
          <dd>
            <Answer cell={cellOf(row, option.id)} content={content} demonstration={demonstration} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The grid: a table on wide screens, and one question at a time (a card each)
 * on narrow ones. Numbers come in words and as a picture, with how sure we are.
 */
export function OptionGrid({
  content,
  demonstration,
  highlight,
  rows = content.rows,
  highlightLabel,
  disclose = false,
}: {
  content: AidContent;
  demonstration: boolean;
  /** Rows to highlight, such as the ones the patient marked. */
  highlight?: ReadonlySet<string>;
  /** The rows in the order to show them, such as what matters most to a patient first. */
  rows?: readonly AidRow[];
  /** Said on each highlighted row, so that the highlight is not colour alone. */
  highlightLabel?: string;
  /**
   * On narrow screens, each question folds into a disclosure (`<details>`, no
   * JavaScript needed) so a phone shows one question at a time. Every question
   * and every option's answer stays on the page, benefits and harms alike.
   */
  disclose?: boolean;
}) {
  const rowClass = (id: string) => (highlight?.has(id) ? 'highlighted' : undefined);
  const mark = (id: string) =>
    highlight?.has(id) && highlightLabel ? (
      <span className="badge badge-highlight">{highlightLabel}</span>
    ) : null;
  return (
    <>
      <div className="grid-table-wrap">
        <table className="grid-table">
          <caption className="visually-hidden">{patientText.comparingOptions}</caption>
          <thead>
            <tr>
              <td />
              {content.options.map((option) => (
                <th key={option.id} scope="col">
                  {option.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={rowClass(row.id)}>
                <th scope="row">
                  {row.question} {mark(row.id)}
                </th>
                {content.options.map((option) => (
                  <td key={option.id}>
                    <Answer
                      cell={cellOf(row, option.id)}
                      content={content}
                      demonstration={demonstration}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="grid-cards" aria-label={patientText.questionsPeopleAsk}>
        {rows.map((row) => (
          <li key={row.id} className={['grid-card', rowClass(row.id)].filter(Boolean).join(' ')}>
            {disclose ? (
              <details>
                <summary className="grid-card-question">
                  {row.question} {mark(row.id)}
                </summary>
                <CardAnswers row={row} content={content} demonstration={demonstration} />
              </details>
            ) : (
              <>
                <p className="grid-card-question">
                  {row.question} {mark(row.id)}
                </p>
                <CardAnswers row={row} content={content} demonstration={demonstration} />
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Where the evidence comes from, and how old it is. */
export function Sources({ content, Sub }: { content: AidContent; Sub: Heading }) {
  return (
    <>
      <Sub>{patientText.sourcesHeading}</Sub>
      {content.evidenceReviewedOn ? (
        <p>{patientText.evidenceChecked(formatDate(content.evidenceReviewedOn))}</p>
      ) : null}
      {content.reviewBy ? <p>{patientText.nextCheck(formatDate(content.reviewBy))}</p> : null}
      <ol className="sources">
        {content.sources.map((source, i) => (
          <li key={source.id} id={`source-${i + 1}`}>
            {source.citation} ({formatSourceDate(source.date)})
            {source.url ? (
              <>
                {' '}
                <a href={source.url}>{source.url}</a>
              </>
            ) : null}
            {source.doi ? <> DOI {source.doi}</> : null}
            {source.pmid ? <> PMID {source.pmid}</> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Who wrote it, who paid, how it was made, how hard it is to read, and how it is kept up to date. */
export function AboutGuide({
  content,
  Sub,
  readingGrade,
}: {
  content: AidContent;
  Sub: Heading;
  /** The whole guide's reading grade, measured when it was published; absent on a draft. */
  readingGrade?: number | null | undefined;
}) {
  const steps = ATTESTATION_STEPS.filter(({ step }) => content.attestations[step].done);
  return (
    <>
      <Sub>{patientText.aboutThisGuide}</Sub>
      <dl className="about-aid">
        <dt>{patientText.writtenBy}</dt>
        <dd>
          <ul>
            {content.authors.map((author, i) => (
              <li key={i}>
                {author.name}: {author.credentials}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{patientText.paidForBy}</dt>
        <dd>{content.funding}</dd>
        <dt>{patientText.conflicts}</dt>
        <dd>{content.conflictsOfInterest}</dd>
        <dt>{patientText.howUpdated}</dt>
        <dd>{content.updatePolicy}</dd>
        {steps.length > 0 ? (
          <>
            <dt>{patientText.howMade}</dt>
            <dd>
              <ul>
                {steps.map(({ step, title }) => (
                  <li key={step}>
                    {title}: {content.attestations[step].detail}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {readingGrade !== undefined && readingGrade !== null ? (
          <>
            <dt>{patientText.readingLevelTitle}</dt>
            <dd>{patientText.readingLevel(readingGrade)}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

/** A whole aid as a patient sees it, on one page: the clinician's preview and published versions. */
export function AidView({
  content,
  demonstration,
  versionLine,
  readingGrade,
  children,
}: {
  content: AidContent;
  demonstration: boolean;
  versionLine: string;
  /** A published version's reading grade; a draft's preview has none yet. */
  readingGrade?: number | null;
  children?: ReactNode;
}) {
  return (
    <article className="aid-view" lang={content.language}>
      <DemoBanner demonstration={demonstration} />
      <h2>{content.title}</h2>
      <p className="muted">{versionLine}</p>
      <DecisionIntro content={content} Sub="h3" />
      <h3>{patientText.yourOptions}</h3>
      <OptionList content={content} />
      <h3>{patientText.comparingOptions}</h3>
      <OptionGrid content={content} demonstration={demonstration} />
      <Sources content={content} Sub="h3" />
      <AboutGuide content={content} Sub="h3" readingGrade={readingGrade} />
      {children}
    </article>
  );
}

/**
 * A structured number as the patient reads it: the picture (unless `picture`
 * is false, such as when totals differ across the options), "N out of D" with
 * who and when, the range, and the demonstration mark.
 */
export function NumberFigure({
  n,
  demonstration,
  picture = true,
}: {
  n: NaturalFrequency;
  demonstration: boolean;
  picture?: boolean;
}) {
  const words = numberWords(n);
  return (
    <figure className="number-figure">
      {picture ? (
        <IconArray
          numerator={n.numerator}
          denominator={n.denominator}
          label={numberSentence(n, { range: false })}
        />
      ) : null}
      <figcaption>
        <strong>{words.count}</strong>
        {` ${words.happens}${words.others ? `; ${words.others}` : ''}.${words.range ? ` ${words.range}` : ''}`}
        {demonstration ? (
          <span className="badge badge-warning">{patientText.illustrativeNumber}</span>
        ) : null}
      </figcaption>
    </figure>
  );
}
