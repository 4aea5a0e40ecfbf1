import { useActionData } from '@remix-run/react';
import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import {
  decisionRoles,
  decisionTimings,
  pressureAnswers,
  recordLimits,
} from '#shared/record/rules';
import { AboutGuide, DecisionIntro, formatDate, Sources } from '../components/aid-view/aid-view';
import { TextInput } from '../components/field';
import { ChoiceGroup, choicesOf } from '../components/patient/choice-group';
import { PatientError } from '../components/patient/patient-error';
import { StepFrame } from '../components/patient/step-frame';
import { saveStep } from '../lib/patient.server';
import { patientText } from '../lib/patient-text';
import { usePatientView } from '../lib/use-patient';

export const action = ({ context, request }: ActionFunctionArgs) =>
  saveStep({ context, request, step: 'decision' });

type DecisionShape = {
  howToDecide: { role: string; others: string; pressure: string; timing: string };
};

/** The questions on how to decide that the patient answers by choosing: legend and choices. */
const howToDecideQuestions = {
  role: { legend: patientText.roleLegend, choices: choicesOf(decisionRoles, patientText.roles) },
  pressure: {
    legend: patientText.pressureLegend,
    choices: choicesOf(pressureAnswers, patientText.pressure),
  },
  timing: {
    legend: patientText.timingLegend,
    choices: choicesOf(decisionTimings, patientText.timing),
  },
};

/**
 * Step 1: the decision, who wrote the guide, when, from which sources, and who
 * paid; then how the patient wants to decide (all optional).
 */
export default function TheDecision() {
  const { aid, record } = usePatientView();
  const result = useActionData<typeof action>();
  const how = record.answers.howToDecide;
  return (
    <StepFrame<DecisionShape>
      step="decision"
      revision={record.revision}
      result={result}
      defaultValue={{
        howToDecide: {
          ...(how.role ? { role: how.role } : {}),
          others: how.others,
          ...(how.pressure ? { pressure: how.pressure } : {}),
          ...(how.timing ? { timing: how.timing } : {}),
        },
      }}
    >
      {(fields) => {
        const answers = fields.howToDecide.getFieldset();
        return (
          <>
            <p className="lead">{aid.content.title}</p>
            <DecisionIntro content={aid.content} Sub="h2" />
            <p className="muted">
              {patientText.versionLine(aid.version, formatDate(aid.publishedAt))}
            </p>
            <AboutGuide content={aid.content} Sub="h2" readingGrade={aid.readingGrade} />
            <Sources content={aid.content} Sub="h2" />
            <section className="how-to-decide" aria-labelledby="how-to-decide-title">
              <h2 id="how-to-decide-title">{patientText.howToDecideTitle}</h2>
              <p>{patientText.howToDecideIntro}</p>
              <ChoiceGroup meta={answers.role} {...howToDecideQuestions.role} />
              <TextInput
                meta={answers.others}
                label={patientText.othersLabel}
                hint={patientText.othersHint}
                maxLength={recordLimits.others}
              />
              <ChoiceGroup meta={answers.pressure} {...howToDecideQuestions.pressure} />
              <ChoiceGroup meta={answers.timing} {...howToDecideQuestions.timing} />
            </section>
          </>
        );
      }}
    </StepFrame>
  );
}

export function ErrorBoundary() {
  return <PatientError />;
}
