import { Link, useActionData, useSearchParams } from '@remix-run/react';
import { Fragment } from 'react';
import { rowName } from '#shared/aid/names';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { cellOf } from '#shared/aid/cells';
import { numberSentence } from '#shared/aid/number-words';
import { own } from '#shared/own';
import {
  IMPORTANT_RATING,
  NOT_SURE,
  stepNumber,
  stepPath,
  sureItems,
  type StepName,
} from '#shared/record/rules';
import { formatDate } from '../components/aid-view/aid-view';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { SureResult } from '../components/patient/sure-result';
import { postedForm } from '../lib/form-data.server';
import { markReady, saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await postedForm(request.clone());
  if (form.get('intent') === 'back') return saveStep({ context, request, step: 'summary' });
  return markReady(context, Number(form.get('revision')));
}

function Section({
  title,
  step,
  children,
}: {
  title: string;
  step: StepName;
  children: React.ReactNode;
}) {
  return (
    <section className="summary-section">
      <h2>{title}</h2>
      {children}
      <p className="no-print">
        <Link to={stepPath(step)}>{patientText.editStep(stepNumber(step))}</Link>
      </p>
    </section>
  );
}

/** Step 7: everything on one page, printable; "I'm ready for my visit". */
export default function Summary() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { answers } = record;
  const { content } = aid;
  const rows = new Map(content.rows.map((row) => [row.id, row]));
  const rated = content.rows
    .filter((row) => answers.ratings[row.id] !== undefined)
    .sort((a, b) => (answers.ratings[b.id] ?? 0) - (answers.ratings[a.id] ?? 0));
  const leaning =
    answers.leaning === NOT_SURE
      ? patientText.notSureYet
      : content.options.find((option) => option.id === answers.leaning)?.name;
  const nothing = <p className="muted">{patientText.nothingYet}</p>;
  const how = answers.howToDecide;
  // The patient's own view of how each option fits their own things, as they said it on step 4.
  const judged = answers.ownConcerns.flatMap((concern) => {
    const byOption = own(answers.concernFits, concern.id);
    if (!byOption) return [];
    const said = content.options.flatMap((option) => {
      const judgement = own(byOption, option.id);
      return judgement ? [{ option: option.name, judgement }] : [];
    });
    return said.length > 0 ? [{ concern, said }] : [];
  });
  return (
    <StepFrame step="summary" revision={record.revision} result={result} next={patientText.ready}>
      {record.status !== 'in-progress' || search.has('ready') ? (
        <p className="notice notice-success" role="status">
          {patientText.readyDone}
        </p>
      ) : null}
      <p>{patientText.summaryIntro}</p>
      <p className="lead">{content.title}</p>
      <p className="muted">{patientText.versionLine(aid.version, formatDate(aid.publishedAt))}</p>
      <p>{content.question}</p>

      <Section title={patientText.yourHowToDecide} step="decision">
        {how.role || how.others || how.pressure || how.timing ? (
          <ul>
            {how.role ? <li>{patientText.roles[how.role]}</li> : null}
            {how.others ? (
              <li>
                {patientText.yourOthers}: <span className="pre-wrap">{how.others}</span>
              </li>
            ) : null}
            {how.pressure ? (
              <li>
                {patientText.pressureLegend} <strong>{patientText.pressure[how.pressure]}</strong>
              </li>
            ) : null}
            {how.timing ? (
              <li>
                {patientText.timingLegend} <strong>{patientText.timing[how.timing]}</strong>
              </li>
            ) : null}
          </ul>
        ) : (
          nothing
        )}
      </Section>

      <Section title={patientText.yourMarks} step="options">
        {answers.marks.length === 0 ? (
          nothing
        ) : (
          <ul>
            {answers.marks.map((id) => (
              <li key={id}>{rows.get(id)?.question}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={patientText.yourRatings} step="values">
        {rated.length === 0 ? (
          nothing
        ) : (
          <ul>
            {rated.map((row) => (
              <li key={row.id}>
                {rowName(row, content.rows.indexOf(row))}:{' '}
                <strong>{patientText.ratingLabels[answers.ratings[row.id] ?? 0]}</strong>
              </li>
            ))}
          </ul>
        )}
        {answers.ownConcerns.length > 0 ? (
          <>
            <h3>{patientText.yourOwnConcerns}</h3>
            <ul>
              {answers.ownConcerns.map((concern) => (
                <li key={concern.id}>
                  {concern.text}
                  {concern.rating === undefined
                    ? ''
                    : `: ${patientText.ratingLabels[concern.rating]}`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section title={patientText.yourLeaning} step="leaning">
        {leaning ? (
          <p>
            <strong>{leaning}</strong>
          </p>
        ) : (
          nothing
        )}
        {judged.length > 0 ? (
          <>
            <h3>{patientText.yourOwnThings}</h3>
            <ul>
              {judged.map(({ concern, said }) => (
                <li key={concern.id}>
                  <span className="pre-wrap">{concern.text}</span>
                  <ul>
                    {said.map(({ option, judgement }) => (
                      <li key={option}>
                        {option}: <strong>{patientText.ownFits[judgement]}</strong>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section title={patientText.yourSure} step="sure">
        {sureItems.some((item) => answers.sure[item] !== undefined) ? (
          <ul>
            {sureItems.map((item) => (
              <li key={item}>
                {patientText.sureQuestions[item]}{' '}
                <strong>
                  {answers.sure[item] === undefined
                    ? patientText.skipped
                    : answers.sure[item]
                      ? patientText.yes
                      : patientText.no}
                </strong>
              </li>
            ))}
          </ul>
        ) : (
          nothing
        )}
        <SureResult sure={answers.sure} nextSteps={false} />
        {answers.worries ? (
          <>
            <h3>{patientText.yourWorries}</h3>
            <p className="pre-wrap">{answers.worries}</p>
          </>
        ) : null}
      </Section>

      <Section title={patientText.yourQuestions} step="questions">
        {answers.questions ? <p className="pre-wrap">{answers.questions}</p> : nothing}
        {answers.readElsewhere.note || answers.readElsewhere.link ? (
          <>
            <h3>{patientText.yourReading}</h3>
            {answers.readElsewhere.note ? (
              <p className="pre-wrap">{answers.readElsewhere.note}</p>
            ) : null}
            {answers.readElsewhere.link ? (
              <p className="break">{answers.readElsewhere.link}</p>
            ) : null}
          </>
        ) : null}
      </Section>

      <section className="summary-section">
        <h2>{patientText.yourGrid}</h2>
        <ul>
          {content.rows
            .filter(
              (row) =>
                answers.marks.includes(row.id) ||
                (answers.ratings[row.id] ?? 0) >= IMPORTANT_RATING,
            )
            .map((row) => (
              <li key={row.id}>
                <strong>{row.question}</strong>
                <ul>
                  {content.options.map((option) => {
                    const cell = cellOf(row, option.id);
                    return (
                      <li key={option.id}>
                        {option.name}: {cell.text}
                        {cell.numbers.map((n, i) => (
                          <Fragment key={i}> {numberSentence(n)}</Fragment>
                        ))}{' '}
                        <em>
                          {cell.certainty
                            ? patientText.certainty[cell.certainty]
                            : patientText.certaintyNotGiven}
                        </em>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
        </ul>
      </section>
      <p className="muted no-print">{patientText.printHint}</p>
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
