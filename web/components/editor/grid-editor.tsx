import { getCollectionProps } from '@conform-to/react';
import { useLocation } from '@remix-run/react';
import {
  useEffect,
  useState,
  useSyncExternalStore,
  type ComponentProps,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { AidContent, AidContentInput } from '#shared/aid/schema';
import { aidLimits } from '#shared/aid/limits';
import { overTimeFrame } from '#shared/aid/time-frames';
import { certaintyLevels, fitWords, rowKindWords, testTopicWords } from '#shared/aid/words';
import type { MeasuredText } from '#shared/checks/results';
import {
  allErrorsOf,
  Checkbox,
  ListError,
  Select,
  shown,
  shownErrors,
  TextArea,
  TextInput,
} from '../field';
import { EDITOR_FORM_ID } from '../../routes/_clinic.aids.$aidId._index/form-id';
import {
  cellAnchor,
  cellSourcesAnchor,
  detailsAnchor,
  numberAnchor,
  rowAnchor,
  sourceLabel,
} from './editor-anchors';
import type { EditorField, EditorFields, EditorForm, Grades } from './editor-fields';
import { GradedTextArea, gradeNote } from './grade-note';
import { AddButton, ItemActions, RemoveButton } from './list-buttons';

type Option = AidContentInput['options'][number];
type Row = AidContentInput['rows'][number];
type Cell = NonNullable<Row['cells']>[string];
type NumberInput = NonNullable<Cell['numbers']>[number];
type ContentCell = AidContent['rows'][number]['cells'][string];

/** A source as a cell cites it: its number in the list, a label that tells it apart, the whole citation. */
interface SourceChoice {
  id: string;
  number: number;
  label: string;
  citation: string;
}

/** A cell and where it stands (its question and option, in words for labels), and what it may cite. */
interface CellAt {
  cell: EditorField<Cell>;
  rowId: string;
  optionId: string;
  where: string;
  sources: SourceChoice[];
}

interface GridEditorProps {
  form: EditorForm;
  fields: EditorFields;
  grades: Grades;
  /** The aid as last checked (as typed, or as saved): what the grid's summaries show. */
  content: AidContent;
  /** A question whose details a button's answer left open. */
  openRow: string | null;
}

const optionLabel = (option: EditorField<Option> | undefined, index: number) =>
  (option && shown(option.getFieldset().name).trim()) || `Option ${index + 1}`;
const rowLabel = (row: EditorField<Row> | undefined, index: number) =>
  (row && shown(row.getFieldset().question).trim()) || `Question ${index + 1}`;

const noSubscription = () => () => {};

/** A row chosen with a link (`row` null: closed), while the address stays at `hash`. */
interface Choice {
  row: string | null;
  anchor: string | null;
  hash: string;
}

/**
 * The question whose details the address points into (`#cell-…`, a number,
 * a field of a cell, a link from the checks). Read once the page runs in the
 * browser, as the server never sees the address's fragment; without
 * JavaScript, CSS's `:target` opens the same row. Undefined when the address
 * names nothing; null when it names something outside the details rows (the
 * "Close" link names the question itself).
 */
function useTargetRow(
  rowIds: string[],
  optionIds: string[],
): { inBrowser: boolean; hash: string; row: string | null | undefined } {
  const { hash } = useLocation();
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return {
    inBrowser,
    hash,
    row: inBrowser && hash ? rowOfHash(hash, rowIds, optionIds) : undefined,
  };
}

function rowOfHash(hash: string, rowIds: string[], optionIds: string[]): string | null {
  const target = decodeURIComponent(hash.slice(1));
  const r = rowIds.findIndex(
    (rowId, index) =>
      target === detailsAnchor(rowId) ||
      target.startsWith(`${EDITOR_FORM_ID}-rows[${index}].cells.`) ||
      optionIds.some(
        (optionId) =>
          target === cellAnchor(rowId, optionId) ||
          target === cellSourcesAnchor(rowId, optionId) ||
          Array.from({ length: aidLimits.numbersPerCell }, (_, n) =>
            numberAnchor(rowId, optionId, n),
          ).includes(target),
      ),
  );
  return rowIds[r] ?? null;
}

/** Whether a cell has an error anywhere but in its words (which the grid shows). */
function cellDetailErrors(cell: EditorField<Cell>): boolean {
  const textName = cell.getFieldset().text.name;
  return Object.entries(cell.allErrors).some(
    ([name, errors]) => name !== textName && errors.length > 0,
  );
}

/**
 * The option grid as one table that fits the page: options are columns, the
 * questions patients ask are rows, and each cell shows its words (edited in
 * place) and a summary of its numbers, certainty and sources. Those are
 * edited a question at a time, in the details row under it, which a link
 * opens (ADR 22). Adding, moving and removing are Conform's list intents:
 * plain submit buttons, so it all works without JavaScript.
 */
export function GridEditor({ form, fields, grades, content, openRow }: GridEditorProps) {
  const options = fields.options.getFieldList();
  const rows = fields.rows.getFieldList();
  const optionIds = options.map((option) => shown(option.getFieldset().id));
  const sources: SourceChoice[] = fields.sources.getFieldList().map((source, s) => {
    const f = source.getFieldset();
    return {
      id: shown(f.id),
      number: s + 1,
      label: sourceLabel(s + 1, shown(f.citation), shown(f.date)),
      citation: shown(f.citation),
    };
  });
  const target = useTargetRow(
    rows.map((row) => shown(row.getFieldset().id)),
    optionIds,
  );
  // With JavaScript, the links choose a row here rather than navigate: a navigation, even to a
  // fragment, while an autosave is on its way can leave that save unanswered (React Router).
  const [choice, setChoice] = useState<Choice | null>(null);
  const chosen = choice && choice.hash === target.hash ? choice : null;
  useEffect(() => {
    if (!choice?.anchor) return;
    const at = document.getElementById(choice.anchor);
    at?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
  }, [choice]);
  const choose = (row: string | null, anchor: string) => (event: MouseEvent) => {
    if (!target.inBrowser || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    setChoice({ row, anchor: row === null ? null : anchor, hash: target.hash });
    if (row === null) document.getElementById(anchor)?.scrollIntoView({ block: 'nearest' });
  };
  const aboutTest = fields.aboutTest.initialValue === 'on';
  return (
    <section aria-labelledby="grid-heading" className="editor-section">
      <h2 id="grid-heading" tabIndex={-1}>
        Options and questions
      </h2>
      <p className="field-hint">
        Options are the columns (2 to {aidLimits.options.max}); the questions patients ask are the
        rows (2 to {aidLimits.rows.max}). Each answer can carry up to {aidLimits.numbersPerCell}{' '}
        numbers as “X in 100 people”, how sure the evidence is, and its sources: open “Numbers,
        certainty, sources” to edit them for the whole question.
      </p>
      <ListError list={fields.options} />
      <ListError list={fields.rows} />
      <div className="grid-scroll">
        <table
          className={target.inBrowser ? 'grid-editor grid-editor-live' : 'grid-editor'}
          style={{ '--option-count': options.length } as CSSProperties}
        >
          <caption className="visually-hidden">
            The option grid: options in columns, questions in rows
          </caption>
          <colgroup>
            <col className="grid-col-question" />
            {options.map((_, o) => (
              <col key={o} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <td className="grid-corner" />
              {options.map((_, o) => (
                <th key={`${optionIds[o]}-${o}`} scope="col" id={`option-${optionIds[o]}`}>
                  <OptionHeader form={form} list={fields.options} index={o} grades={grades} />
                </th>
              ))}
            </tr>
          </thead>
          {rows.map((row, r) => {
            const rowId = shown(row.getFieldset().id);
            const cells = row.getFieldset().cells.getFieldset();
            const question = rowLabel(row, r);
            // A tampered post can leave an option without an id: it has no cells to show.
            const cellsAt = optionIds.map((optionId, o): CellAt | null =>
              optionId
                ? {
                    cell: cells[optionId]!,
                    rowId,
                    optionId,
                    where: `${question}, for ${optionLabel(options[o], o)}`,
                    sources,
                  }
                : null,
            );
            const open =
              (chosen
                ? chosen.row === rowId
                : target.row === rowId || (target.row === undefined && openRow === rowId)) ||
              optionIds.some((optionId) => optionId && cellDetailErrors(cells[optionId]!));
            return (
              <tbody key={`${rowId}-${r}`}>
                <tr id={rowAnchor(rowId)}>
                  <th scope="row">
                    <RowHeader
                      form={form}
                      list={fields.rows}
                      index={r}
                      aboutTest={aboutTest}
                      grades={grades}
                    />
                  </th>
                  {cellsAt.map((at, o) =>
                    at ? (
                      <td key={at.optionId}>
                        <CellWords
                          at={at}
                          onOpen={choose(rowId, cellAnchor(rowId, at.optionId))}
                          content={content.rows[r]?.cells[at.optionId]}
                          grade={grades.get(at.cell.getFieldset().text.name)}
                        />
                      </td>
                    ) : (
                      <td key={`missing-${o}`} />
                    ),
                  )}
                </tr>
                <tr
                  id={detailsAnchor(rowId)}
                  data-row={rowId}
                  className={open ? 'row-details row-details-open' : 'row-details'}
                >
                  <th scope="row">
                    <p className="row-details-title">
                      Numbers, certainty and sources for question {r + 1}
                    </p>
                    <a
                      href={`#${rowAnchor(rowId)}`}
                      className="row-details-close"
                      onClick={choose(null, rowAnchor(rowId))}
                    >
                      Close<span className="visually-hidden"> the details of {question}</span>
                    </a>
                  </th>
                  {cellsAt.map((at, o) =>
                    at ? (
                      <td key={at.optionId} id={cellAnchor(rowId, at.optionId)}>
                        <CellDetails
                          at={at}
                          form={form}
                          optionName={optionLabel(options[o], o)}
                          grades={grades}
                        />
                      </td>
                    ) : (
                      <td key={`missing-${o}`} />
                    ),
                  )}
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>
      <div className="button-row">
        <AddButton
          form={form}
          insert={{ name: fields.options.name, defaultValue: { name: '', description: '' } }}
          disabled={options.length >= aidLimits.options.max}
        >
          Add an option
        </AddButton>
        <AddButton
          form={form}
          insert={{
            name: fields.rows.name,
            defaultValue: { question: '', label: '', kind: 'benefit' },
          }}
          disabled={rows.length >= aidLimits.rows.max}
        >
          Add a question
        </AddButton>
      </div>
    </section>
  );
}

/** The item at `index` of a list, and how many items the list holds. */
function itemAt<Item>(list: { getFieldList(): Item[] }, index: number) {
  const items = list.getFieldList();
  return { item: items[index]!, count: items.length };
}

/** What an option's or a question's header is given: its list, its place in it, and the form. */
interface HeaderProps<List extends 'options' | 'rows'> {
  form: EditorForm;
  list: EditorFields[List];
  index: number;
  grades: Grades;
}

/** An option's or a question's header: its id, its fields, then the buttons that move and remove it. */
function GridHeader({
  id,
  actions,
  children,
}: {
  id: { name: string; initialValue: unknown };
  actions: ComponentProps<typeof ItemActions>;
  children: ReactNode;
}) {
  return (
    <div className="grid-header">
      <input type="hidden" name={id.name} value={shown(id)} />
      {children}
      <ItemActions {...actions} />
    </div>
  );
}

function OptionHeader({ form, list, index, grades }: HeaderProps<'options'>) {
  const { item, count } = itemAt(list, index);
  const o = item.getFieldset();
  const name = optionLabel(item, index);
  return (
    <GridHeader
      id={o.id}
      actions={{
        form,
        list: list.name,
        index,
        count,
        min: aidLimits.options.min,
        direction: 'across',
        name,
        what: `option ${name}`,
      }}
    >
      <TextInput
        meta={o.name}
        label={`Option ${index + 1}: name`}
        maxLength={aidLimits.optionName}
      />
      <GradedTextArea
        meta={o.description}
        label="What it involves"
        maxLength={aidLimits.optionDescription}
        rows={3}
        grades={grades}
      />
      <Checkbox meta={o.isNoAction}>Waiting or no treatment</Checkbox>
    </GridHeader>
  );
}

function RowHeader({
  form,
  list,
  index,
  grades,
  aboutTest,
}: HeaderProps<'rows'> & { aboutTest: boolean }) {
  const { item, count } = itemAt(list, index);
  const r = item.getFieldset();
  const name = `question ${rowLabel(item, index)}`;
  return (
    <GridHeader
      id={r.id}
      actions={{
        form,
        list: list.name,
        index,
        count,
        min: aidLimits.rows.min,
        direction: 'down',
        name,
        what: name,
      }}
    >
      <GradedTextArea
        meta={r.question}
        label={`Question ${index + 1}, as patients ask it`}
        maxLength={aidLimits.rowQuestion}
        rows={2}
        grades={grades}
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
    </GridHeader>
  );
}

/** What the grid shows of a cell besides its words: its numbers, certainty and sources, at a glance. */
function CellSummary({
  cell,
  sources,
}: {
  cell: ContentCell | undefined;
  sources: SourceChoice[];
}) {
  const numbers = cell?.numbers ?? [];
  const cited = sources.filter((source) => cell?.sourceIds.includes(source.id));
  if (numbers.length === 0 && !cell?.certainty && cited.length === 0) {
    return <p className="cell-summary cell-summary-empty">No number, certainty or sources yet.</p>;
  }
  return (
    <ul className="cell-summary">
      {numbers.map((number, n) => (
        <li key={n}>
          {number.numerator} in {number.denominator}{' '}
          {number.outcome.trim() || <em>(what happens?)</em>}
          {number.timeFrame ? `, ${overTimeFrame(number.timeFrame)}` : ''}
        </li>
      ))}
      {cell?.certainty ? <li>Certainty: {certaintyLevels[cell.certainty].toLowerCase()}</li> : null}
      {cited.length > 0 ? (
        <li>
          {cited.length === 1 ? 'Source ' : 'Sources '}
          {cited.map((source, i) => (
            <span key={source.id} title={source.citation}>
              {i > 0 ? ', ' : ''}
              {source.number}
            </span>
          ))}
        </li>
      ) : null}
    </ul>
  );
}

/** A cell's words in the grid, with a summary of the rest and the way to its details. */
function CellWords({
  at: { cell, rowId, optionId, where, sources },
  onOpen,
  content,
  grade,
}: {
  at: CellAt;
  /** Opens the question's details at this cell, with JavaScript. */
  onOpen: (event: MouseEvent) => void;
  content: ContentCell | undefined;
  grade: MeasuredText | undefined;
}) {
  const c = cell.getFieldset();
  return (
    <div className="cell-editor">
      <TextArea
        meta={c.text}
        label={`Answer: ${where}`}
        labelHidden
        maxLength={aidLimits.cellText}
        rows={3}
        note={gradeNote(grade)}
      />
      <CellSummary cell={content} sources={sources} />
      <a href={`#${cellAnchor(rowId, optionId)}`} className="cell-details-link" onClick={onOpen}>
        Numbers, certainty, sources<span className="visually-hidden">: {where}</span>
      </a>
    </div>
  );
}

/** Everything about a cell but its words: shown in its question's details row. */
function CellDetails({
  at: { cell, rowId, optionId, where, sources },
  form,
  optionName,
  grades,
}: {
  at: CellAt;
  form: EditorForm;
  optionName: string;
  grades: Grades;
}) {
  const c = cell.getFieldset();
  const numbers = c.numbers.getFieldList();
  // Up to 120 cells carry the same fields: each label says which cell, for screen readers' lists of fields.
  const whereHidden = <span className="visually-hidden">, {where}</span>;
  const sourceError = shownErrors(allErrorsOf(c.sourceIds));
  return (
    <div className="cell-details">
      <p className="cell-details-title" aria-hidden="true">
        {optionName}
      </p>
      <div className="inline-fields">
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
      </div>
      <ListError list={c.numbers} />
      {numbers.map((number, n) => (
        <NumberFields
          key={n}
          form={form}
          list={c.numbers.name}
          number={number}
          index={n}
          id={numberAnchor(rowId, optionId, n)}
          whereHidden={whereHidden}
          where={where}
          grades={grades}
        />
      ))}
      <AddButton
        form={form}
        insert={{
          name: c.numbers.name,
          defaultValue: { timeFrame: { unit: 'years' } },
        }}
        small
        disabled={numbers.length >= aidLimits.numbersPerCell}
      >
        {numbers.length === 0 ? 'Add a number' : 'Add another number'}
        <span className="visually-hidden">: {where}</span>
      </AddButton>
      {sources.length > 0 ? (
        <fieldset
          aria-describedby={sourceError?.id}
          id={`sources-${rowId}-${optionId}`}
          className="cell-sources"
        >
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
            <label key={key} className="checkbox" title={sources[s]!.citation || undefined}>
              <input {...input} /> {sources[s]!.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="field-hint">Add sources below to cite them here.</p>
      )}
    </div>
  );
}

const timeUnits: Array<[string, string]> = [
  ['years', 'years'],
  ['months', 'months'],
  ['weeks', 'weeks'],
  ['days', 'days'],
];

/** One number of a cell: "14 in 100 people like you … have a heart attack over 10 years". */
function NumberFields({
  form,
  list,
  number,
  index,
  id,
  where,
  whereHidden,
  grades,
}: {
  form: EditorForm;
  list: string;
  number: EditorField<NumberInput>;
  index: number;
  id: string;
  where: string;
  whereHidden: ReactNode;
  grades: Grades;
}) {
  const f = number.getFieldset();
  const timeFrame = f.timeFrame.getFieldset();
  const range = f.range.getFieldset();
  return (
    <fieldset className="number-fields" id={id}>
      <legend>
        Number {index + 1}
        {whereHidden}
      </legend>
      <GradedTextArea
        meta={f.outcome}
        label={<>What happens{whereHidden}</>}
        hint="e.g. have a heart attack or stroke"
        maxLength={aidLimits.outcome}
        rows={2}
        grades={grades}
      />
      <div className="inline-fields number-count">
        <TextInput
          meta={f.numerator}
          errorsOf={[number]}
          label={<>People{whereHidden}</>}
          inputMode="numeric"
          size={4}
        />
        <TextInput
          meta={f.denominator}
          label={<>out of{whereHidden}</>}
          inputMode="numeric"
          size={6}
        />
      </div>
      <div className="inline-fields number-count">
        <TextInput
          meta={timeFrame.value}
          errorsOf={[f.timeFrame]}
          label={<>Over{whereHidden}</>}
          inputMode="numeric"
          size={4}
        />
        <Select meta={timeFrame.unit} label={<>Unit of time{whereHidden}</>} options={timeUnits} />
      </div>
      <TextInput
        meta={f.referenceClass}
        label={<>Who it is about{whereHidden}</>}
        hint="e.g. people like you who take a statin"
        maxLength={aidLimits.referenceClass}
      />
      <div className="inline-fields number-count">
        <TextInput
          meta={range.low}
          errorsOf={[f.range]}
          label={<>Range from{whereHidden}</>}
          inputMode="numeric"
          size={4}
        />
        <TextInput meta={range.high} label={<>to{whereHidden}</>} inputMode="numeric" size={4} />
      </div>
      <RemoveButton form={form} list={list} index={index}>
        Remove number {index + 1}
        <span className="visually-hidden">: {where}</span>
      </RemoveButton>
    </fieldset>
  );
}
