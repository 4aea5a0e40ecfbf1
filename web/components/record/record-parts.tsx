import { rowName } from '#shared/aid/names';
import { numberSentence } from '#shared/aid/number-words';
import type { AidContent } from '#shared/aid/schema';
import type { DecisionRecord, RecordView } from '#shared/record/schema';
import type { AmendmentChanges, DecisionChoice, DecisionContent } from '#shared/record/decision';
import { currentDecision, decisionFieldLabels } from '#shared/record/decision-rules';
import { NOT_DECIDED } from '#shared/record/decision-limits';
import {
  leaningName,
  patientPriorities,
  questionLines,
  rowsByImportance,
  sureSummary,
} from '#shared/record/summary';
import { own } from '#shared/own';
import { understandingQuestions } from '#shared/record/understanding';
import {
  howToDecideWords,
  IMPORTANT_RATING,
  NOT_SURE,
  ownFitWords,
  ratingLabels,
  SURE_ATTRIBUTION,
  sureItemNames,
  sureQuestions,
} from '#shared/record/rules';
import { formatDate, OptionGrid } from '../aid-view/aid-view';

/**
 * The parts of a decision record as a clinician reads them, in the consult
 * view and on the screen shared with the patient.
 */

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
export const formatDateTime = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

/** What the patient rated, most important first, their own concerns among them. */
/** Who reads: the clinician, or the patient on the screen they share ("your own words"). */
type Audience = 'clinician' | 'patient';

const partWords = {
  clinician: {
    ownWords: 'Their own words',
    nothingRated: 'The patient has not rated anything yet.',
    noLeaning: 'Not given',
  },
  patient: {
    ownWords: 'Your own words',
    nothingRated: 'You have not said yet what matters to you.',
    noLeaning: 'You did not say',
  },
} satisfies Record<Audience, Record<string, string>>;

export function Priorities({
  view,
  audience = 'clinician',
}: {
  view: RecordView;
  audience?: Audience;
}) {
  const words = partWords[audience];
  const { answers } = view.record;
  const priorities = patientPriorities(view.aid.content, answers);
  const rated = new Set(priorities.map((p) => p.id));
  const markedOnly = view.aid.content.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => answers.marks.includes(row.id) && !rated.has(row.id));
  return (
    <>
      {priorities.length === 0 ? (
        <p className="muted">{words.nothingRated}</p>
      ) : (
        <ol className="priority-list">
          {priorities.map((priority) => (
            <li
              key={`${priority.kind}-${priority.id}`}
              className={priority.rating >= IMPORTANT_RATING ? 'priority-important' : undefined}
            >
              <span className="priority-label">
                {priority.kind === 'own' ? <q>{priority.label}</q> : priority.label}
              </span>{' '}
              <span className="priority-rating">{ratingLabels[priority.rating]}</span>
              {priority.kind === 'own' ? <span className="badge">{words.ownWords}</span> : null}
              {priority.marked ? <span className="badge">Marked while reading</span> : null}
              {priority.kind === 'own' ? (
                <OwnJudgements view={view} concernId={priority.id} audience={audience} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {markedOnly.length > 0 ? (
        <p>
          <strong>Also marked while reading:</strong>{' '}
          {markedOnly.map(({ row, index }) => rowName(row, index)).join('; ')}
        </p>
      ) : null}
    </>
  );
}

/** How the patient judged each option on a concern of their own: their view, not the aid's. */
function OwnJudgements({
  view,
  concernId,
  audience,
}: {
  view: RecordView;
  concernId: string;
  audience: Audience;
}) {
  const byOption = own(view.record.answers.concernFits, concernId) ?? {};
  const said = view.aid.content.options.flatMap((option) => {
    const judgement = own(byOption, option.id);
    return judgement ? [`${option.name}: ${ownFitWords[judgement]}`] : [];
  });
  if (said.length === 0) return null;
  return (
    <p className="own-judgements">
      {audience === 'patient' ? 'Your view: ' : 'Their view: '}
      {said.join('; ')}
    </p>
  );
}

/**
 * The check of understanding as a teach-back prompt: what the patient picked
 * beside what the guide says, to talk through in their own words. Never a grade.
 */
export function TeachBack({ view }: { view: RecordView }) {
  const { understanding } = view.record.answers;
  const asked = understandingQuestions(view.aid.content).flatMap((question) => {
    const picked = own(own(understanding, question.rowId) ?? {}, question.optionId);
    return picked === undefined ? [] : [{ question, picked }];
  });
  if (asked.length === 0) return <p className="muted">Not answered.</p>;
  return (
    <>
      <p className="muted">Ask them to explain these in their own words. Not a score.</p>
      <ul className="teach-back">
        {asked.map(({ question, picked }) => {
          const n = question.number;
          return (
            <li key={`${question.rowId}-${question.optionId}`}>
              {question.optionName}, <q>{question.rowQuestion}</q>: they picked{' '}
              {picked === NOT_SURE ? '“not sure”' : `${picked} out of ${n.denominator}`}; the guide
              says {numberSentence(n, { range: false })}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** How the patient wants to decide: role, who else, pressure, timing; all optional. */
export function HowTheyWantToDecide({ record }: { record: DecisionRecord }) {
  const { role, others, pressure, timing } = record.answers.howToDecide;
  if (!role && !others && !pressure && !timing) return <p className="muted">Not answered.</p>;
  return (
    <ul className="how-to-decide">
      {role ? <li>{howToDecideWords.role[role]}</li> : null}
      {others ? (
        <li>
          Others involved: <q>{others}</q>
        </li>
      ) : null}
      {pressure ? (
        <li className={pressure === 'no' ? undefined : 'sure-no'}>
          {howToDecideWords.pressure[pressure]}
        </li>
      ) : null}
      {timing ? <li>{howToDecideWords.timing[timing]}</li> : null}
    </ul>
  );
}

export function Leaning({
  view,
  audience = 'clinician',
}: {
  view: RecordView;
  audience?: Audience;
}) {
  const leaning = leaningName(view.aid.content, view.record.answers.leaning);
  return (
    <p className="leaning">
      {leaning ?? <span className="muted">{partWords[audience].noLeaning}</span>}
    </p>
  );
}

/** The four SURE answers item by item, flagged at any "no"; the full questions a click away. */
export function SureAnswers({ record }: { record: DecisionRecord }) {
  const sure = sureSummary(record.answers.sure);
  return (
    <div className={sure.flag ? 'sure sure-flagged' : 'sure'}>
      {sure.flagText ? <p className="flag">{sure.flagText}</p> : null}
      <dl className="sure-items">
        {sure.items.map(({ item, answer }) => (
          <div key={item}>
            <dt>{sureItemNames[item]}</dt>
            <dd className={answer === false ? 'sure-no' : undefined}>
              {answer === undefined ? 'Not answered' : answer ? 'Yes' : 'No'}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {sure.score === null
          ? `Score: not all answered (${sure.unanswered} left out).`
          : `Score: ${sure.score} of 4${sure.score <= 3 ? ' — 3 or less suggests decisional conflict.' : '.'}`}
      </p>
      <details className="sure-questions">
        <summary>The questions as the patient read them</summary>
        <ol>
          {sure.items.map(({ item }) => (
            <li key={item}>
              {sureItemNames[item]}: {sureQuestions[item]}
            </li>
          ))}
        </ol>
        <p className="attribution">{SURE_ATTRIBUTION}</p>
      </details>
    </div>
  );
}

/** The patient's own words for the visit: worries, questions, what they read elsewhere. */
export function PatientWords({ record }: { record: DecisionRecord }) {
  const { worries, questions, readElsewhere } = record.answers;
  const lines = questionLines(questions);
  return (
    <>
      <div>
        <h3>Their questions for today</h3>
        {lines.length === 0 ? (
          <p className="muted">None written.</p>
        ) : (
          <ul className="patient-words">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>What worries them</h3>
        {worries.trim() ? (
          <p className="pre-wrap patient-words">{worries}</p>
        ) : (
          <p className="muted">Nothing written.</p>
        )}
      </div>
      <div>
        <h3>What they read elsewhere</h3>
        {readElsewhere.note.trim() ? (
          <p className="pre-wrap patient-words">{readElsewhere.note}</p>
        ) : null}
        {readElsewhere.link ? (
          // Shown, not linked: an address a patient typed is not the clinic's to open blindly.
          <p className="break">{readElsewhere.link}</p>
        ) : null}
        {!readElsewhere.note.trim() && !readElsewhere.link ? (
          <p className="muted">Nothing written.</p>
        ) : null}
      </div>
    </>
  );
}

export function choiceWords(content: AidContent, choice: DecisionChoice): string {
  if (choice.kind === NOT_DECIDED)
    return `Not decided yet. Next step: ${choice.nextStep} (by ${formatDate(choice.nextStepBy)})`;
  return (
    content.options.find((o) => o.id === choice.optionId)?.name ?? 'An option no longer in the aid'
  );
}

function fieldValue(content: AidContent, field: keyof DecisionContent, changes: AmendmentChanges) {
  const value = changes[field];
  if (value === undefined) return '';
  if (field === 'choice') return choiceWords(content, value as DecisionChoice);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join('; ');
  return String(value) || '(empty)';
}

/** The decision as it stands, who recorded it, the patient's confirmation, and every amendment in order. */
export function DecisionSummary({ view }: { view: RecordView }) {
  const { record, aid } = view;
  const { decision, amendments, patientConfirmation } = record;
  if (!decision) return null;
  const current = currentDecision(decision, amendments);
  return (
    <div className="decision-summary">
      <p className="decision-choice">{choiceWords(aid.content, current.choice)}</p>
      <dl className="decision-details">
        <dt>Notes written together</dt>
        <dd className="pre-wrap">{current.notes || <span className="muted">None</span>}</dd>
        <dt>What we don&apos;t know yet</dt>
        <dd>
          {current.openQuestions.length === 0 ? (
            <span className="muted">None recorded</span>
          ) : (
            <ul>
              {current.openQuestions.map((question, i) => (
                <li key={i}>{question}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Follow-up</dt>
        <dd>{current.followUp || <span className="muted">None</span>}</dd>
        <dt>Who else took part</dt>
        <dd>{current.participants || <span className="muted">No one else</span>}</dd>
      </dl>
      <p className="muted">
        Recorded by {decision.decidedBy.name} on {formatDateTime(decision.decidedAt)}.
      </p>
      {patientConfirmation ? (
        <p className="notice notice-success">
          The patient confirmed this on {formatDateTime(patientConfirmation.at)}
          {patientConfirmation.how === 'in-consultation'
            ? ', in the consultation.'
            : ', through their own link.'}
          {patientConfirmation.comment ? (
            <>
              {' '}
              Their comment: <q className="pre-wrap">{patientConfirmation.comment}</q>
            </>
          ) : null}
          {amendments.length > patientConfirmation.amendmentsSeen
            ? ' The record was amended after they confirmed.'
            : ''}
        </p>
      ) : (
        <p className="notice notice-warning">Not yet confirmed by the patient.</p>
      )}
      {amendments.length > 0 ? (
        <>
          <h3>Amendments</h3>
          <ol className="amendments">
            {amendments.map((amendment) => (
              <li key={amendment.id}>
                <p>
                  <strong>{formatDateTime(amendment.at)}</strong>, {amendment.by.name}. Why:{' '}
                  <q>{amendment.reason}</q>
                </p>
                <ul>
                  {(Object.keys(amendment.after) as Array<keyof DecisionContent>).map((field) => (
                    <li key={field}>
                      {decisionFieldLabels[field]}:{' '}
                      <del>{fieldValue(aid.content, field, amendment.before)}</del> →{' '}
                      <ins>{fieldValue(aid.content, field, amendment.after)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

/** The grid of the version the patient read, with what matters most to them first and marked. */
export function RecordGrid({ view, highlightLabel }: { view: RecordView; highlightLabel: string }) {
  const { aid, record } = view;
  const ordered = rowsByImportance(aid.content, record.answers);
  return (
    <OptionGrid
      content={aid.content}
      demonstration={aid.demonstration}
      rows={ordered.map((r) => r.row)}
      highlight={new Set(ordered.filter((r) => r.important).map((r) => r.row.id))}
      highlightLabel={highlightLabel}
    />
  );
}
