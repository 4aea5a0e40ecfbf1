import { aidLimits } from '#shared/aid';
import { blankCell, type AidFormValues, type CellFormValues } from '#shared/aid-form';
import { certaintyLevels, fitWords, rowKindWords, testTopicWords } from '#shared/aid-words';
import type { MeasuredText } from '#shared/readability';
import { Select, TextArea, TextInput } from '../field';
import { gradeNote } from './grade-note';

interface GridEditorProps {
  values: AidFormValues;
  errors: Record<string, string>;
  /** Reading level of each patient-facing text, by field name. */
  grades: Map<string, MeasuredText>;
}

const optionLabel = (values: AidFormValues, index: number) =>
  values.options[index]?.name.trim() || `Option ${index + 1}`;
const rowLabel = (values: AidFormValues, index: number) =>
  values.rows[index]?.question.trim() || `Question ${index + 1}`;

/**
 * The option grid as one table: options are columns, the questions patients
 * ask are rows, and each cell is the answer for one option. Every control is a
 * plain form field or submit button, so it all works without JavaScript.
 */
export function GridEditor({ values, errors, grades }: GridEditorProps) {
  const canAddOption = values.options.length < aidLimits.options.max;
  const canAddRow = values.rows.length < aidLimits.rows.max;
  return (
    <section aria-labelledby="grid-heading" className="editor-section">
      <h2 id="grid-heading" tabIndex={-1}>
        Options and questions
      </h2>
      <p className="field-hint">
        Options are the columns (2 to {aidLimits.options.max}); the questions patients ask are the
        rows (2 to {aidLimits.rows.max}). Each answer can carry a number as “X in 100 people”, how
        sure the evidence is, and its sources.
      </p>
      {errors['options'] ? <p className="field-error">{errors['options']}</p> : null}
      {errors['rows'] ? <p className="field-error">{errors['rows']}</p> : null}
      <div className="grid-scroll">
        <table className="grid-editor">
          <caption className="visually-hidden">
            The option grid: options in columns, questions in rows
          </caption>
          <thead>
            <tr>
              <td className="grid-corner" />
              {values.options.map((option, o) => (
                <th key={option.id} scope="col" id={`option-${option.id}`}>
                  <OptionHeader values={values} index={o} errors={errors} grades={grades} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {values.rows.map((row, r) => (
              <tr key={row.id} id={`row-${row.id}`}>
                <th scope="row">
                  <RowHeader values={values} index={r} errors={errors} grades={grades} />
                </th>
                {values.options.map((option, o) => (
                  <td key={option.id}>
                    <CellEditor
                      name={`rows.${r}.cells.${option.id}`}
                      cell={Object.hasOwn(row.cells, option.id) ? row.cells[option.id] : undefined}
                      where={`${rowLabel(values, r)}, for ${optionLabel(values, o)}`}
                      values={values}
                      errors={errors}
                      grade={grades.get(`rows.${r}.cells.${option.id}.text`)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <button
          type="submit"
          name="intent"
          value="add-option"
          className="button-secondary"
          disabled={!canAddOption}
        >
          Add an option
        </button>
        <button
          type="submit"
          name="intent"
          value="add-row"
          className="button-secondary"
          disabled={!canAddRow}
        >
          Add a question
        </button>
      </div>
    </section>
  );
}

function OptionHeader({
  values,
  index,
  errors,
  grades,
}: { values: AidFormValues; index: number } & Omit<GridEditorProps, 'values'>) {
  const option = values.options[index]!;
  const p = `options.${index}`;
  const name = optionLabel(values, index);
  return (
    <div className="grid-header">
      <input type="hidden" name={`${p}.id`} value={option.id} />
      <TextInput
        name={`${p}.name`}
        label={`Option ${index + 1}: name`}
        value={option.name}
        error={errors[`${p}.name`]}
        maxLength={aidLimits.optionName}
      />
      <TextArea
        name={`${p}.description`}
        label="What it involves"
        value={option.description}
        error={errors[`${p}.description`]}
        maxLength={aidLimits.optionDescription}
        rows={3}
        note={gradeNote(grades.get(`${p}.description`))}
      />
      <label className="checkbox">
        <input type="checkbox" name={`${p}.isNoAction`} defaultChecked={option.isNoAction} />{' '}
        Waiting or no treatment
      </label>
      <div className="item-actions">
        <button
          type="submit"
          name="intent"
          value={`move-option-left:${option.id}`}
          className="button-small"
          disabled={index === 0}
        >
          <span className="visually-hidden">Move {name} left</span>
          <span aria-hidden="true">← Left</span>
        </button>
        <button
          type="submit"
          name="intent"
          value={`move-option-right:${option.id}`}
          className="button-small"
          disabled={index === values.options.length - 1}
        >
          <span className="visually-hidden">Move {name} right</span>
          <span aria-hidden="true">Right →</span>
        </button>
        <button
          type="submit"
          name="intent"
          value={`remove-option:${option.id}`}
          className="button-small button-danger"
          disabled={values.options.length <= aidLimits.options.min}
        >
          Remove<span className="visually-hidden"> option {name}</span>
        </button>
      </div>
    </div>
  );
}

function RowHeader({
  values,
  index,
  errors,
  grades,
}: { values: AidFormValues; index: number } & Omit<GridEditorProps, 'values'>) {
  const row = values.rows[index]!;
  const p = `rows.${index}`;
  const name = rowLabel(values, index);
  return (
    <div className="grid-header">
      <input type="hidden" name={`${p}.id`} value={row.id} />
      <TextArea
        name={`${p}.question`}
        label={`Question ${index + 1}, as patients ask it`}
        value={row.question}
        error={errors[`${p}.question`]}
        maxLength={aidLimits.rowQuestion}
        rows={2}
        note={gradeNote(grades.get(`${p}.question`))}
      />
      <TextInput
        name={`${p}.label`}
        label="What patients weigh"
        hint="e.g. Avoiding a long recovery"
        value={row.label}
        error={errors[`${p}.label`]}
        maxLength={aidLimits.rowLabel}
      />
      <Select
        name={`${p}.kind`}
        label="Kind"
        value={row.kind}
        error={errors[`${p}.kind`]}
        options={Object.entries(rowKindWords)}
      />
      {values.aboutTest || row.topic ? (
        <Select
          name={`${p}.topic`}
          label="About the test"
          value={row.topic}
          error={errors[`${p}.topic`]}
          options={[['', 'Not a test topic'], ...Object.entries(testTopicWords)]}
        />
      ) : null}
      <div className="item-actions">
        <button
          type="submit"
          name="intent"
          value={`move-row-up:${row.id}`}
          className="button-small"
          disabled={index === 0}
        >
          <span aria-hidden="true">↑ Up</span>
          <span className="visually-hidden">Move question {name} up</span>
        </button>
        <button
          type="submit"
          name="intent"
          value={`move-row-down:${row.id}`}
          className="button-small"
          disabled={index === values.rows.length - 1}
        >
          <span aria-hidden="true">↓ Down</span>
          <span className="visually-hidden">Move question {name} down</span>
        </button>
        <button
          type="submit"
          name="intent"
          value={`remove-row:${row.id}`}
          className="button-small button-danger"
          disabled={values.rows.length <= aidLimits.rows.min}
        >
          Remove<span className="visually-hidden"> question {name}</span>
        </button>
      </div>
    </div>
  );
}

function CellEditor({
  name,
  cell,
  where,
  values,
  errors,
  grade,
}: {
  name: string;
  cell: CellFormValues | undefined;
  where: string;
  values: AidFormValues;
  errors: Record<string, string>;
  grade: MeasuredText | undefined;
}) {
  const c = cell ?? blankCell();
  const n = `${name}.number`;
  // Up to 120 cells carry the same fields: each label says which cell, for screen readers' lists of fields.
  const whereHidden = <span className="visually-hidden">, {where}</span>;
  const detailErrors = Object.keys(errors).some(
    (key) => key.startsWith(`${name}.`) && key !== `${name}.text`,
  );
  const hasDetail = Boolean(
    c.number.numerator || c.number.denominator || c.certainty || c.fit || c.sourceIds.length,
  );
  return (
    <div className="cell-editor">
      <TextArea
        name={`${name}.text`}
        label={`Answer: ${where}`}
        labelHidden
        value={c.text}
        error={errors[`${name}.text`]}
        maxLength={aidLimits.cellText}
        rows={4}
        note={gradeNote(grade)}
      />
      <details open={detailErrors || undefined} className="cell-details">
        <summary>
          Number, certainty and sources
          {whereHidden}
          {hasDetail ? <span className="visually-hidden"> (filled in)</span> : null}
          {hasDetail ? <span aria-hidden="true"> ●</span> : null}
        </summary>
        <Select
          name={`${name}.certainty`}
          label={<>How sure is the evidence?{whereHidden}</>}
          value={c.certainty}
          error={errors[`${name}.certainty`]}
          options={[['', 'Not stated'], ...Object.entries(certaintyLevels)]}
        />
        <Select
          name={`${name}.fit`}
          label={<>Compared with the other options{whereHidden}</>}
          value={c.fit}
          error={errors[`${name}.fit`]}
          options={[['', 'Not judged'], ...Object.entries(fitWords)]}
        />
        <fieldset className="number-fields">
          <legend>Number (natural frequency){whereHidden}</legend>
          <div className="inline-fields">
            <TextInput
              name={`${n}.numerator`}
              label={<>People{whereHidden}</>}
              value={c.number.numerator}
              error={errors[`${n}.numerator`]}
              inputMode="numeric"
              size={5}
            />
            <span aria-hidden="true">in</span>
            <TextInput
              name={`${n}.denominator`}
              label={<>Out of{whereHidden}</>}
              value={c.number.denominator}
              error={errors[`${n}.denominator`]}
              inputMode="numeric"
              size={6}
            />
          </div>
          <TextInput
            name={`${n}.timeFrame`}
            label={<>Time frame{whereHidden}</>}
            hint="e.g. over 10 years"
            value={c.number.timeFrame}
            error={errors[`${n}.timeFrame`]}
            maxLength={aidLimits.timeFrame}
          />
          <TextInput
            name={`${n}.referenceClass`}
            label={<>Who this is about{whereHidden}</>}
            hint="e.g. people like you who have the operation"
            value={c.number.referenceClass}
            error={errors[`${n}.referenceClass`] ?? errors[n]}
            maxLength={aidLimits.referenceClass}
          />
          <div className="inline-fields">
            <TextInput
              name={`${n}.range.low`}
              label={<>Range from{whereHidden}</>}
              value={c.number.range.low}
              error={errors[`${n}.range.low`] ?? errors[`${n}.range`]}
              inputMode="numeric"
              size={5}
            />
            <TextInput
              name={`${n}.range.high`}
              label={<>to{whereHidden}</>}
              value={c.number.range.high}
              error={errors[`${n}.range.high`]}
              inputMode="numeric"
              size={5}
            />
          </div>
        </fieldset>
        {values.sources.length > 0 ? (
          <fieldset>
            <legend>Sources{whereHidden}</legend>
            {errors[`${name}.sourceIds`] ? (
              <p className="field-error">{errors[`${name}.sourceIds`]}</p>
            ) : null}
            {values.sources.map((source, s) => (
              <label key={source.id} className="checkbox">
                <input
                  type="checkbox"
                  name={`${name}.sourceIds`}
                  value={source.id}
                  defaultChecked={c.sourceIds.includes(source.id)}
                />{' '}
                {s + 1}. {truncate(source.citation, 60) || 'Untitled source'}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="field-hint">Add sources below to cite them here.</p>
        )}
      </details>
    </div>
  );
}

const truncate = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;
