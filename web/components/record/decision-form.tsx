import { Form, useNavigation } from '@remix-run/react';
import type { AidContent } from '#shared/aid';
import type { DecisionContent } from '#shared/record/decision';
import { decisionLimits, NOT_DECIDED } from '#shared/record/decision-rules';
import { TextArea, TextInput } from '../field';
import { ChoiceGroup } from '../patient/choice-group';
import type { FormValues, RecordActionResult, RecordForm } from '../../lib/record-actions.server';

/** What a decision form shows: what was just sent back, else the decision it starts from. */
function startingValues(current: DecisionContent | null): FormValues {
  if (!current) return {};
  const { choice } = current;
  return {
    choice: choice.kind === NOT_DECIDED ? NOT_DECIDED : choice.optionId,
    nextStep: choice.kind === NOT_DECIDED ? choice.nextStep : '',
    nextStepBy: choice.kind === NOT_DECIDED ? choice.nextStepBy : '',
    notes: current.notes,
    openQuestions: current.openQuestions.join('\n'),
    followUp: current.followUp,
    participants: current.participants,
  };
}

interface FormFeedback {
  errors: Record<string, string>;
  /** What was sent, to show again; undefined when this form was not the one sent. */
  values: FormValues | undefined;
  conflict: string | undefined;
}

/** A form's problem: its field errors, or a conflict said above its button. */
export function formFeedback(
  result: RecordActionResult | undefined,
  form: RecordForm,
): FormFeedback {
  if (!result || result.form !== form)
    return { errors: {}, values: undefined, conflict: undefined };
  if (result.kind === 'conflict')
    return { errors: {}, values: undefined, conflict: result.message };
  return { errors: result.errors, values: result.values, conflict: undefined };
}

export function Conflict({ message }: { message: string | undefined }) {
  return message ? (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The hidden fields every change carries: what it was based on, and its client token. */
export function ChangeBasis({ revision, clientToken }: { revision: number; clientToken: string }) {
  return (
    <>
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="clientToken" value={clientToken} />
    </>
  );
}

/** The decision's fields: the same for deciding and for amending. */
function DecisionFields({
  content,
  values,
  errors,
  today,
}: {
  content: AidContent;
  values: FormValues;
  errors: Record<string, string>;
  today: string;
}) {
  return (
    <>
      <ChoiceGroup
        name="choice"
        legend="What did you decide together?"
        error={errors['choice']}
        value={values['choice']}
        choices={[
          ...content.options.map((option) => ({ value: option.id, label: option.name })),
          { value: NOT_DECIDED, label: 'Not decided yet' },
        ]}
      />
      <div className="inline-fields">
        <TextInput
          name="nextStep"
          label="If not decided yet: the next step"
          hint="For example: talk it over at home, or see the surgeon."
          value={values['nextStep'] ?? ''}
          error={errors['nextStep']}
          maxLength={decisionLimits.nextStep}
        />
        <TextInput
          name="nextStepBy"
          label="By when"
          type="date"
          min={today}
          value={values['nextStepBy'] ?? ''}
          error={errors['nextStepBy']}
        />
      </div>
      <TextArea
        name="notes"
        label="Notes written together"
        value={values['notes'] ?? ''}
        error={errors['notes']}
        maxLength={decisionLimits.notes}
        rows={4}
      />
      <TextArea
        name="openQuestions"
        label="What we don't know yet"
        hint={`Questions that remain open, one per line (at most ${decisionLimits.openQuestions}).`}
        value={values['openQuestions'] ?? ''}
        error={errors['openQuestions']}
        rows={3}
      />
      <TextInput
        name="followUp"
        label="Follow-up"
        hint="For example: phone review in 2 weeks."
        value={values['followUp'] ?? ''}
        error={errors['followUp']}
        maxLength={decisionLimits.followUp}
      />
      <TextInput
        name="participants"
        label="Who else took part"
        hint="For example: her daughter, the practice nurse. Leave empty if no one."
        value={values['participants'] ?? ''}
        error={errors['participants']}
        maxLength={decisionLimits.participants}
      />
    </>
  );
}

/** Deciding together: the clinician confirms by recording it; the patient on this screen, or later. */
export function DecideForm({
  content,
  revision,
  clientToken,
  result,
  today,
}: {
  content: AidContent;
  revision: number;
  clientToken: string;
  result: RecordActionResult | undefined;
  today: string;
}) {
  const navigation = useNavigation();
  const { errors, values = {}, conflict } = formFeedback(result, 'decide');
  return (
    <Form method="post" noValidate className="decision-form">
      <ChangeBasis revision={revision} clientToken={clientToken} />
      <DecisionFields content={content} values={values} errors={errors} today={today} />
      <label className="checkbox">
        <input
          type="checkbox"
          name="patientConfirmed"
          value="yes"
          defaultChecked={values['patientConfirmed'] === 'yes'}
        />
        <span>
          The patient has read this on the screen and agrees: &ldquo;this is what we decided
          together&rdquo;. Leave it unticked to let them confirm later through their link.
        </span>
      </label>
      <Conflict message={conflict} />
      <button type="submit" name="intent" value="decide" disabled={navigation.state !== 'idle'}>
        Record the decision
      </button>
    </Form>
  );
}

/** A change after the decision: appended with why, never written over. */
export function AmendForm({
  content,
  current,
  revision,
  clientToken,
  result,
  today,
}: {
  content: AidContent;
  current: DecisionContent;
  revision: number;
  clientToken: string;
  result: RecordActionResult | undefined;
  today: string;
}) {
  const navigation = useNavigation();
  const feedback = formFeedback(result, 'amend');
  const values = feedback.values ?? startingValues(current);
  return (
    <details
      className="amend"
      open={feedback.values !== undefined || feedback.conflict !== undefined}
    >
      <summary>Amend the record</summary>
      <p>
        The decision above stays as it was recorded. Your change is added below it, with your name,
        the time and why.
      </p>
      <Form method="post" noValidate className="decision-form">
        <ChangeBasis revision={revision} clientToken={clientToken} />
        <DecisionFields content={content} values={values} errors={feedback.errors} today={today} />
        <TextArea
          name="reason"
          label="Why is this changed?"
          value={values['reason'] ?? ''}
          error={feedback.errors['reason']}
          maxLength={decisionLimits.reason}
          rows={2}
          required
        />
        <Conflict message={feedback.conflict} />
        <button type="submit" name="intent" value="amend" disabled={navigation.state !== 'idle'}>
          Save the amendment
        </button>
      </Form>
    </details>
  );
}
