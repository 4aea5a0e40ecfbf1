import { stepNumber, stepPath, sureItems } from '#shared/record/rules';
import type { PatientAnswers } from '#shared/record/schema';
import { sureSummary } from '#shared/record/summary';
import { patientText } from '../../lib/patient-text';

/**
 * The SURE result, yes = 1, as soon as anything is answered: a "no" to any
 * item flags it at once, with a kind word (this is common, and the visit is
 * where to talk) and, for each "no", its own next step.
 */
export function SureResult({
  sure,
  id,
  nextSteps = true,
}: {
  sure: PatientAnswers['sure'];
  id?: string;
  /** Whether to show a next step for each "no" (not on the summary). */
  nextSteps?: boolean;
}) {
  const summary = sureSummary(sure);
  const answered = sureItems.length - summary.unanswered;
  if (answered === 0) return null;
  const yes = summary.items.filter((i) => i.answer === true).length;
  const noes = summary.items.filter((i) => i.answer === false).map((i) => i.item);
  return (
    <div className="notice sure-result" role="status" id={id} tabIndex={id ? -1 : undefined}>
      <p>
        {summary.score === null
          ? patientText.surePartScore(yes, answered)
          : patientText.sureScore(summary.score)}
      </p>
      {summary.flag === 'a-no' ? <p>{patientText.sureLow}</p> : null}
      {summary.score === sureItems.length ? <p>{patientText.sureAllYes}</p> : null}
      {nextSteps && noes.length > 0 ? (
        <>
          <h2 className="notice-title">{patientText.sureNextTitle}</h2>
          <ul className="sure-next">
            {noes.map((item) => {
              const next = patientText.sureNext[item];
              return (
                <li key={item}>
                  {next.text}{' '}
                  <a href={stepPath(next.step)}>{patientText.goToStep(stepNumber(next.step))}</a>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
