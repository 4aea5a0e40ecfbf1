import { getCollectionProps } from '@conform-to/react';
import { aidLimits, type AidContentInput } from '#shared/aid/schema';
import { certaintyLevels, fitWords, rowKindWords, testTopicWords } from '#shared/aid/words';
import type { MeasuredText } from '#shared/checks/results';
import { allErrorsOf, Checkbox, Select, shown, shownErrors, TextArea, TextInput } from '../field';
import type { EditorField, EditorFields, EditorForm, Grades } from './editor-fields';
import { gradeNote } from './grade-note';

type Option = AidContentInput['options'][number];
type Row = AidContentInput['rows'][number];
type Cell = NonNullable<Row['cells']>[string];

interface GridEditorProps {
  form: EditorForm;
  fields: EditorFields;
  grades: Grades;
}

const optionLabel = (option: EditorField<Option> | undefined, index: number) =>
  (option && shown(option.getFieldset().name).trim()) || `Option ${index + 1}`;
const rowLabel = (row: EditorField<Row> | undefined, index: number) =>
  (row && shown(row.getFieldset().question).trim()) || `Question ${index + 1}`;

/**
 * The option grid as one table: options are columns, the questions patients
 * ask are rows, and each cell is the answer for one option, keyed by the
 * option's id. Adding, moving and removing are Conform's list intents: plain
 * submit buttons, so it all works without JavaScript.
 */
export function GridEditor({ form, fields, grades }: GridEditorProps) {
  const options = fields.options.getFieldList();
  const rows = fields.rows.getFieldList();
  const optionIds = options.map((option) => shown(option.getFieldset().id));
  const sources = fields.sources.getFieldList().map((source) => ({
    id: shown(source.getFieldset().id),
    citation: shown(source.getFieldset().citation),
  }));
  const aboutTest = fields.aboutTest.initialValue === 'on';
  const listError = (list: EditorFields['options'] | EditorFields['rows']) =>
    list.errors?.[0] ? (
      <p className="field-error" id={list.errorId}>
        {list.errors[0]}
      </p>
    ) : null;
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
      {listError(fields.options)}
      {listError(fields.rows)}
      <div className="grid-scroll">
        <table className="grid-editor">
          <caption className="visually-hidden">
            The option grid: options in columns, questions in rows
          </caption>
          <thead>
            <tr>
              <td className="grid-corner" />
              {options.map((option, o) => (
                <th key={`${optionIds[o]}-${o}`} scope="col" id={`option-${optionIds[o]}`}>
                  <OptionHeader
                    form={form}
                    list={fields.options}
                    option={option}
                    index={o}
                    count={options.length}
                    grades={grades}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const cells = row.getFieldset().cells.getFieldset();
              return (
                <tr
                  key={`${shown(row.getFieldset().id)}-${r}`}
                  id={`row-${shown(row.getFieldset().id)}`}
                >
                  <th scope="row">
                    <RowHeader
                      form={form}
                      list={fields.rows}
                      row={row}
                      index={r}
                      count={rows.length}
                      aboutTest={aboutTest}
                      grades={grades}
                    />
                  </th>
                  {optionIds.map((optionId, o) => {
                    // A tampered post can leave an option without an id: it has no cells to show.
                    if (!optionId) return <td key={`missing-${o}`} />;
                    const cell = cells[optionId]!;
                    return (
                      <td key={optionId}>
                        <CellEditor
                          cell={cell}
                          where={`${rowLabel(row, r)}, for ${optionLabel(options[o], o)}`}
                          sources={sources}
                          grade={grades.get(cell.getFieldset().text.name)}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <button
          type="submit"
          {...form.insert.getButtonProps({
            name: fields.options.name,
            defaultValue: { name: '', description: '' },
          })}
          className="button-secondary"
          disabled={options.length >= aidLimits.options.max}
        >
          Add an option
        </button>
        <button
          type="submit"
          {...form.insert.getButtonProps({
            name: fields.rows.name,
            defaultValue: { question: '', label: '', kind: 'benefit' },
          })}
          className="button-secondary"
          disabled={rows.length >= aidLimits.rows.max}
        >
          Add a question
        </button>
      </div>
    </section>
  );
}

function OptionHeader({
  form,
  list,
  option,
  index,
  count,
  grades,
}: {
  form: EditorForm;
  list: EditorFields['options'];
  option: EditorField<Option>;
  index: number;
  count: number;
  grades: Grades;
}) {
  const o = option.getFieldset();
  const name = optionLabel(option, index);
  return (
    <div className="grid-header">
      <input type="hidden" name={o.id.name} value={shown(o.id)} />
      <TextInput
        meta={o.name}
        label={`Option ${index + 1}: name`}
        maxLength={aidLimits.optionName}
      />
      <TextArea
        meta={o.description}
        label="What it involves"
        maxLength={aidLimits.optionDescription}
        rows={3}
        note={gradeNote(grades.get(o.description.name))}
      />
      <Checkbox meta={o.isNoAction}>Waiting or no treatment</Checkbox>
      <div className="item-actions">
        <button
          type="submit"
          {...form.reorder.getButtonProps({ name: list.name, from: index, to: index - 1 })}
          className="button-small"
          disabled={index === 0}
        >
          <span className="visually-hidden">Move {name} left</span>
          <span aria-hidden="true">← Left</span>
        </button>
        <button
          type="submit"
          {...form.reorder.getButtonProps({ name: list.name, from: index, to: index + 1 })}
          className="button-small"
          disabled={index === count - 1}
        >
          <span className="visually-hidden">Move {name} right</span>
          <span aria-hidden="true">Right →</span>
        </button>
        <button
          type="submit"
          {...form.remove.getButtonProps({ name: list.name, index })}
          className="button-small button-danger"
          disabled={count <= aidLimits.options.min}
        >
          Remove<span className="visually-hidden"> option {name}</span>
        </button>
      </div>
    </div>
  );
}

function RowHeader({
  form,
  list,
  row,
  index,
  count,
  aboutTest,
  grades,
}: {
  form: EditorForm;
  list: EditorFields['rows'];
  row: EditorField<Row>;
  index: number;
  count: number;
  aboutTest: boolean;
  grades: Grades;
}) {
  const r = row.getFieldset();
  const name = rowLabel(row, index);
  return (
    <div className="grid-header">
      <input type="hidden" name={r.id.name} value={shown(r.id)} />
      <TextArea
        meta={r.question}
        label={`Question ${index + 1}, as patients ask it`}
        maxLength={aidLimits.rowQuestion}
        rows={2}
        note={gradeNote(grades.get(r.question.name))}
      />
      <TextInput
        meta={r.label}
        label="What patients weigh"
        hint="e.g. Avoiding a long recovery"
        maxLength={aidLimits.rowLabel}
      />
      <Select meta={r.kind} label="Kind" options={Object.entries(rowKindWords)} />
      {aboutTest || shown(r.topic) ? (
        <Select
          meta={r.topic}
          label="About the test"
          options={[['', 'Not a test topic'], ...Object.entries(testTopicWords)]}
        />
      ) : null}
      <div className="item-actions">
        <button
          type="submit"
          {...form.reorder.getButtonProps({ name: list.name, from: index, to: index - 1 })}
          className="button-small"
          disabled={index === 0}
        >
          <span aria-hidden="true">↑ Up</span>
          <span className="visually-hidden">Move question {name} up</span>
        </button>
        <button
          type="submit"
          {...form.reorder.getButtonProps({ name: list.name, from: index, to: index + 1 })}
          className="button-small"
          disabled={index === count - 1}
        >
          <span aria-hidden="true">↓ Down</span>
          <span className="visually-hidden">Move question {name} down</span>
        </button>
        <button
          type="submit"
          {...form.remove.getButtonProps({ name: list.name, index })}
          className="button-small button-danger"
          disabled={count <= aidLimits.rows.min}
        >
          Remove<span className="visually-hidden"> question {name}</span>
        </button>
      </div>
    </div>
  );
}

function CellEditor({
  cell,
  where,
  sources,
  grade,
}: {
  cell: EditorField<Cell>;
  where: string;
  sources: Array<{ id: string; citation: string }>;
  grade: MeasuredText | undefined;
}) {
  const c = cell.getFieldset();
  const number = c.number.getFieldset();
  const range = number.range.getFieldset();
  // Up to 120 cells carry the same fields: each label says which cell, for screen readers' lists of fields.
  const whereHidden = <span className="visually-hidden">, {where}</span>;
  const detailErrors = Object.entries(cell.allErrors).some(
    ([name, errors]) => name !== c.text.name && errors.length > 0,
  );
  const cited = c.sourceIds.initialValue;
  const hasDetail = Boolean(
    shown(number.numerator) ||
    shown(number.denominator) ||
    shown(c.certainty) ||
    shown(c.fit) ||
    (Array.isArray(cited) ? cited.length > 0 : cited),
  );
  const sourceError = shownErrors(allErrorsOf(c.sourceIds));
  return (
    <div className="cell-editor">
      <TextArea
        meta={c.text}
        label={`Answer: ${where}`}
        labelHidden
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
          meta={c.certainty}
          label={<>How sure is the evidence?{whereHidden}</>}
          options={[['', 'Not stated'], ...Object.entries(certaintyLevels)]}
        />
        <Select
          meta={c.fit}
          label={<>Compared with the other options{whereHidden}</>}
          options={[['', 'Not judged'], ...Object.entries(fitWords)]}
        />
        <fieldset className="number-fields">
          <legend>Number (natural frequency){whereHidden}</legend>
          <div className="inline-fields">
            <TextInput
              meta={number.numerator}
              label={<>People{whereHidden}</>}
              inputMode="numeric"
              size={5}
            />
            <span aria-hidden="true">in</span>
            <TextInput
              meta={number.denominator}
              label={<>Out of{whereHidden}</>}
              inputMode="numeric"
              size={6}
            />
          </div>
          <TextInput
            meta={number.timeFrame}
            label={<>Time frame{whereHidden}</>}
            hint="e.g. over 10 years"
            maxLength={aidLimits.timeFrame}
          />
          <TextInput
            meta={number.referenceClass}
            errorsOf={[c.number]}
            label={<>Who this is about{whereHidden}</>}
            hint="e.g. people like you who have the operation"
            maxLength={aidLimits.referenceClass}
          />
          <div className="inline-fields">
            <TextInput
              meta={range.low}
              errorsOf={[number.range]}
              label={<>Range from{whereHidden}</>}
              inputMode="numeric"
              size={5}
            />
            <TextInput
              meta={range.high}
              label={<>to{whereHidden}</>}
              inputMode="numeric"
              size={5}
            />
          </div>
        </fieldset>
        {sources.length > 0 ? (
          <fieldset aria-describedby={sourceError?.id}>
            <legend>Sources{whereHidden}</legend>
            {sourceError ? (
              <p className="field-error" id={sourceError.id}>
                {sourceError.message}
              </p>
            ) : null}
            {getCollectionProps(c.sourceIds, {
              type: 'checkbox',
              options: sources.map((source) => source.id),
              ariaAttributes: false,
            }).map(({ key, ...input }, s) => (
              <label key={key} className="checkbox">
                <input {...input} /> {s + 1}.{' '}
                {truncate(sources[s]!.citation, 60) || 'Untitled source'}
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
