import * as z from 'zod';
import { AidContent, Attestations } from '#shared/aid/schema';
import { checkbox, field, group, list, optional, text, whole } from '../../lib/form-values';

/**
 * The editor's form: the whole aid in one `<form>`, its fields named as
 * Conform names them (`rows[2].cells.opt-1.numbers[0].numerator`). Options and
 * questions are lists; a question's answers are keyed by option id, so an
 * option can move without its answers moving. The schema is the aid's own,
 * with the form's text read first: the server parses every post with it, and
 * the browser runs it for the live checks.
 */

const attestationKeys = Object.keys(Attestations.shape) as Array<keyof Attestations>;

/** An object without the keys whose value is undefined: blank optional fields are left out. */
function defined<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Ids that Conform cannot use in a field's name (its path parser refuses them).
 * An answer under such an option cannot come back from the form: rather than
 * save it blank, the form is refused (an imported aid is the only way to get one).
 */
const unaddressable = new Set(['__proto__', 'constructor']);

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : text(value));

/** A field is filled in when it holds more than blanks. */
const filled = (value: unknown) =>
  typeof value === 'string' ? value.trim() !== '' : value !== undefined;

/** A number is there when any field the author types in is filled (the unit is a select: it always is). */
function numberFilled(value: unknown): boolean {
  const number = group(value);
  const timeFrame = group(number['timeFrame']);
  const range = group(number['range']);
  return [
    number['outcome'],
    number['numerator'],
    number['denominator'],
    number['referenceClass'],
    timeFrame['value'],
    range['low'],
    range['high'],
  ].some(filled);
}

function readNumber(value: unknown) {
  const number = group(value);
  const timeFrame = group(number['timeFrame']);
  const range = group(number['range']);
  const hasRange = filled(range['low']) || filled(range['high']);
  return defined({
    outcome: text(number['outcome']),
    numerator: whole(text(number['numerator'])),
    denominator: whole(text(number['denominator'])),
    // No length of time typed: none given, whatever the unit shows.
    timeFrame: filled(timeFrame['value'])
      ? { value: whole(text(timeFrame['value'])), unit: text(timeFrame['unit']) }
      : undefined,
    referenceClass: text(number['referenceClass']),
    range: hasRange
      ? { low: whole(text(range['low'])), high: whole(text(range['high'])) }
      : undefined,
  });
}

/**
 * A cell's numbers. A number just added and still blank is left out when it
 * comes last (nothing to save yet); one blank between filled ones stays, so
 * that its errors are shown where it is, not on the number after it.
 */
function readNumbers(value: unknown) {
  const numbers = list(value);
  let end = numbers.length;
  while (end > 0 && !numberFilled(numbers[end - 1])) end -= 1;
  return numbers.slice(0, end).map(readNumber);
}

function readCell(value: unknown, sourceIds: ReadonlySet<unknown>) {
  const cell = group(value);
  return defined({
    text: text(cell['text']),
    numbers: readNumbers(cell['numbers']),
    // A removed source is cited nowhere.
    sourceIds: list(cell['sourceIds']).filter((id) => sourceIds.has(id)),
    certainty: optional(cell['certainty']),
    fit: optional(cell['fit']),
  });
}

/**
 * The aid the form describes, for the schema to check: blank optional fields
 * left out, whole numbers from text, ticked boxes as true. Each question has
 * exactly one answer per option, in the options' order: a removed option's
 * answers go with it, and a new option starts with blank ones.
 */
export function readAidForm(payload: unknown): unknown {
  const form = group(payload);
  const options = list(form['options']).map((item) => {
    const option = group(item);
    return {
      id: text(option['id']),
      name: text(option['name']),
      description: text(option['description']),
      isNoAction: checkbox(option['isNoAction']),
    };
  });
  const sources = list(form['sources']).map((item) => {
    const source = group(item);
    return defined({
      id: text(source['id']),
      citation: text(source['citation']),
      url: optional(source['url']),
      doi: optional(source['doi']),
      pmid: optional(source['pmid']),
      date: optional(source['date']),
    });
  });
  const sourceIds = new Set(sources.map((source) => source.id));
  const optionIds = options
    .map((option) => option.id)
    .filter((id): id is string => typeof id === 'string');
  const rows = list(form['rows']).map((item) => {
    const row = group(item);
    return defined({
      id: text(row['id']),
      question: text(row['question']),
      label: text(row['label']),
      kind: text(row['kind']),
      topic: optional(row['topic']),
      cells: Object.fromEntries(
        optionIds.map((id) => [
          id,
          unaddressable.has(id) ? undefined : readCell(field(row['cells'], id), sourceIds),
        ]),
      ),
    });
  });
  const attestations = group(form['attestations']);
  return defined({
    title: text(form['title']),
    condition: text(form['condition']),
    question: text(form['question']),
    audience: text(form['audience']),
    language: trimmed(form['language']),
    aboutTest: checkbox(form['aboutTest']),
    options,
    rows,
    sources,
    authors: list(form['authors']).map((item) => {
      const author = group(item);
      return { name: text(author['name']), credentials: text(author['credentials']) };
    }),
    funding: text(form['funding']),
    conflictsOfInterest: text(form['conflictsOfInterest']),
    evidenceMethods: text(form['evidenceMethods']),
    evidenceReviewedOn: optional(form['evidenceReviewedOn']),
    reviewBy: optional(form['reviewBy']),
    updatePolicy: text(form['updatePolicy']),
    attestations: Object.fromEntries(
      attestationKeys.map((key) => {
        const step = group(attestations[key]);
        return [key, { done: checkbox(step['done']), detail: text(step['detail']) }];
      }),
    ),
  });
}

/** The one schema of the editor's form: the aid, read from the form's text. */
export const AidForm = z.preprocess(readAidForm, AidContent);
