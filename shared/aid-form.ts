import type { AidContent, AidContentInput, Attestations } from './aid';

/**
 * The editor's form, as the browser sends it. One form holds the whole aid so
 * that every button (save, add, move, remove) saves what was typed, with or
 * without JavaScript. Field names are the aid's JSON pointers with dots:
 * `rows.2.cells.opt-1.number.numerator` is `/rows/2/cells/opt-1/number/numerator`.
 *
 * Values stay as typed (strings) until `formValuesToInput`, so a form sent back
 * with errors shows exactly what the author wrote.
 */
export interface CellFormValues {
  text: string;
  certainty: string;
  fit: string;
  sourceIds: string[];
  number: {
    numerator: string;
    denominator: string;
    timeFrame: string;
    referenceClass: string;
    range: { low: string; high: string };
  };
}

export interface AidFormValues {
  title: string;
  condition: string;
  question: string;
  audience: string;
  language: string;
  aboutTest: boolean;
  options: Array<{ id: string; name: string; description: string; isNoAction: boolean }>;
  rows: Array<{
    id: string;
    question: string;
    label: string;
    kind: string;
    topic: string;
    cells: Record<string, CellFormValues>;
  }>;
  sources: Array<{
    id: string;
    citation: string;
    url: string;
    doi: string;
    pmid: string;
    date: string;
  }>;
  authors: Array<{ name: string; credentials: string }>;
  funding: string;
  conflictsOfInterest: string;
  evidenceMethods: string;
  evidenceReviewedOn: string;
  reviewBy: string;
  updatePolicy: string;
  attestations: Record<keyof Attestations, boolean>;
}

export const attestationKeys = [
  'patientsInvolved',
  'fieldTestedWithPatients',
  'fieldTestedWithClinicians',
  'externallyReviewed',
] as const satisfies ReadonlyArray<keyof Attestations>;

/** The form field name of a JSON pointer, and back. Ids never contain "." or "/". */
export const fieldName = (pointer: string) => pointer.slice(1).replaceAll('/', '.');
export const fieldId = (name: string) => `field-${name.replaceAll('.', '-')}`;

/** An answer not written yet. */
export const blankCell = (): CellFormValues => ({
  text: '',
  certainty: '',
  fit: '',
  sourceIds: [],
  number: {
    numerator: '',
    denominator: '',
    timeFrame: '',
    referenceClass: '',
    range: { low: '', high: '' },
  },
});

const str = (value: number | string | undefined) => (value === undefined ? '' : String(value));

/** The form's values for stored content. */
export function contentToFormValues(content: AidContent): AidFormValues {
  return {
    title: content.title,
    condition: content.condition,
    question: content.question,
    audience: content.audience,
    language: content.language,
    aboutTest: content.aboutTest,
    options: content.options.map((o) => ({ ...o })),
    rows: content.rows.map((row) => ({
      id: row.id,
      question: row.question,
      label: row.label,
      kind: row.kind,
      topic: row.topic ?? '',
      cells: Object.fromEntries(
        content.options.map((option) => {
          const cell = Object.hasOwn(row.cells, option.id) ? row.cells[option.id] : undefined;
          if (!cell) return [option.id, blankCell()];
          return [
            option.id,
            {
              text: cell.text,
              certainty: cell.certainty ?? '',
              fit: cell.fit ?? '',
              sourceIds: [...cell.sourceIds],
              number: {
                numerator: str(cell.number?.numerator),
                denominator: str(cell.number?.denominator),
                timeFrame: cell.number?.timeFrame ?? '',
                referenceClass: cell.number?.referenceClass ?? '',
                range: { low: str(cell.number?.range?.low), high: str(cell.number?.range?.high) },
              },
            },
          ];
        }),
      ),
    })),
    sources: content.sources.map((s) => ({
      id: s.id,
      citation: s.citation,
      url: s.url ?? '',
      doi: s.doi ?? '',
      pmid: s.pmid ?? '',
      date: s.date ?? '',
    })),
    authors: content.authors.map((a) => ({ ...a })),
    funding: content.funding,
    conflictsOfInterest: content.conflictsOfInterest,
    evidenceMethods: content.evidenceMethods,
    evidenceReviewedOn: content.evidenceReviewedOn ?? '',
    reviewBy: content.reviewBy ?? '',
    updatePolicy: content.updatePolicy,
    attestations: { ...content.attestations },
  };
}

type Entries = Iterable<[string, FormDataEntryValue]>;

/** Reads the editor's form. Unknown fields are ignored; missing ones are blank. */
export function readAidForm(entries: Entries): AidFormValues {
  const fields = new Map<string, string[]>();
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  const get = (name: string) => fields.get(name)?.[0] ?? '';
  const checked = (name: string) => fields.has(name);
  /** Indices present for a list such as `options.<i>.id`, in order. */
  const indices = (prefix: string, field: string) =>
    [...fields.keys()]
      .map((name) => new RegExp(`^${prefix}\\.(\\d+)\\.${field}$`).exec(name)?.[1])
      .filter((i): i is string => i !== undefined)
      .map(Number)
      .sort((a, b) => a - b);

  const options = indices('options', 'id').map((i) => ({
    id: get(`options.${i}.id`),
    name: get(`options.${i}.name`),
    description: get(`options.${i}.description`),
    isNoAction: checked(`options.${i}.isNoAction`),
  }));
  const rows = indices('rows', 'id').map((i) => {
    const p = `rows.${i}`;
    return {
      id: get(`${p}.id`),
      question: get(`${p}.question`),
      label: get(`${p}.label`),
      kind: get(`${p}.kind`),
      topic: get(`${p}.topic`),
      cells: Object.fromEntries(
        options.map((option) => {
          const c = `${p}.cells.${option.id}`;
          return [
            option.id,
            {
              text: get(`${c}.text`),
              certainty: get(`${c}.certainty`),
              fit: get(`${c}.fit`),
              sourceIds: fields.get(`${c}.sourceIds`) ?? [],
              number: {
                numerator: get(`${c}.number.numerator`),
                denominator: get(`${c}.number.denominator`),
                timeFrame: get(`${c}.number.timeFrame`),
                referenceClass: get(`${c}.number.referenceClass`),
                range: { low: get(`${c}.number.range.low`), high: get(`${c}.number.range.high`) },
              },
            },
          ];
        }),
      ),
    };
  });
  return {
    title: get('title'),
    condition: get('condition'),
    question: get('question'),
    audience: get('audience'),
    language: get('language'),
    aboutTest: checked('aboutTest'),
    options,
    rows,
    sources: indices('sources', 'id').map((i) => ({
      id: get(`sources.${i}.id`),
      citation: get(`sources.${i}.citation`),
      url: get(`sources.${i}.url`),
      doi: get(`sources.${i}.doi`),
      pmid: get(`sources.${i}.pmid`),
      date: get(`sources.${i}.date`),
    })),
    authors: indices('authors', 'name').map((i) => ({
      name: get(`authors.${i}.name`),
      credentials: get(`authors.${i}.credentials`),
    })),
    funding: get('funding'),
    conflictsOfInterest: get('conflictsOfInterest'),
    evidenceMethods: get('evidenceMethods'),
    evidenceReviewedOn: get('evidenceReviewedOn'),
    reviewBy: get('reviewBy'),
    updatePolicy: get('updatePolicy'),
    attestations: Object.fromEntries(
      attestationKeys.map((key) => [key, checked(`attestations.${key}`)]),
    ) as Record<keyof Attestations, boolean>,
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
/** A whole number as typed; anything else stays as text so the schema says what is wrong. */
const whole = (value: string): number | string =>
  /^\s*-?\d+\s*$/.test(value) ? Number(value) : value.trim();

/** The content the form describes, for the schema to check. Blank optional fields are left out. */
export function formValuesToInput(values: AidFormValues): AidContentInput {
  return {
    title: values.title,
    condition: values.condition,
    question: values.question,
    audience: values.audience,
    language: values.language.trim(),
    aboutTest: values.aboutTest,
    options: values.options,
    rows: values.rows.map((row) => ({
      id: row.id,
      question: row.question,
      label: row.label,
      kind: row.kind as AidContentInput['rows'][number]['kind'],
      ...(row.topic ? { topic: row.topic as AidContentInput['rows'][number]['topic'] } : {}),
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([optionId, cell]) => {
          const n = cell.number;
          const hasNumber = [
            n.numerator,
            n.denominator,
            n.timeFrame,
            n.referenceClass,
            n.range.low,
            n.range.high,
          ].some((v) => v.trim() !== '');
          const hasRange = n.range.low.trim() !== '' || n.range.high.trim() !== '';
          return [
            optionId,
            {
              text: cell.text,
              sourceIds: cell.sourceIds,
              ...(cell.certainty ? { certainty: cell.certainty } : {}),
              ...(cell.fit ? { fit: cell.fit } : {}),
              ...(hasNumber
                ? {
                    number: {
                      numerator: whole(n.numerator),
                      denominator: whole(n.denominator),
                      timeFrame: n.timeFrame,
                      referenceClass: n.referenceClass,
                      ...(hasRange
                        ? { range: { low: whole(n.range.low), high: whole(n.range.high) } }
                        : {}),
                    },
                  }
                : {}),
            },
          ];
        }),
      ),
    })) as AidContentInput['rows'],
    sources: values.sources.map((s) => ({
      id: s.id,
      citation: s.citation,
      ...(optional(s.url) ? { url: optional(s.url) } : {}),
      ...(optional(s.doi) ? { doi: optional(s.doi) } : {}),
      ...(optional(s.pmid) ? { pmid: optional(s.pmid) } : {}),
      ...(optional(s.date) ? { date: optional(s.date) } : {}),
    })),
    authors: values.authors,
    funding: values.funding,
    conflictsOfInterest: values.conflictsOfInterest,
    evidenceMethods: values.evidenceMethods,
    ...(optional(values.evidenceReviewedOn)
      ? { evidenceReviewedOn: optional(values.evidenceReviewedOn) }
      : {}),
    ...(optional(values.reviewBy) ? { reviewBy: optional(values.reviewBy) } : {}),
    updatePolicy: values.updatePolicy,
    attestations: values.attestations,
  };
}

/** What a button of the editor asks for, besides saving what was typed. */
export type EditorIntent =
  | { type: 'save' }
  | { type: 'add-option' }
  | { type: 'remove-option' | 'move-option-left' | 'move-option-right'; id: string }
  | { type: 'add-row' }
  | { type: 'remove-row' | 'move-row-up' | 'move-row-down'; id: string }
  | { type: 'add-source' }
  | { type: 'remove-source'; id: string }
  | { type: 'add-author' }
  | { type: 'remove-author'; index: number };

/** Reads the `intent` button: "save", "add-option", "remove-option:<id>", "remove-author:<index>"… */
export function parseIntent(value: string | null): EditorIntent | null {
  if (value === null || value === 'save') return { type: 'save' };
  const [type, argument = ''] = value.split(':', 2) as [string, string?];
  switch (type) {
    case 'add-option':
    case 'add-row':
    case 'add-source':
    case 'add-author':
      return { type };
    case 'remove-option':
    case 'move-option-left':
    case 'move-option-right':
    case 'remove-row':
    case 'move-row-up':
    case 'move-row-down':
    case 'remove-source':
      return argument ? { type, id: argument } : null;
    case 'remove-author': {
      const index = Number(argument);
      return Number.isInteger(index) && index >= 0 ? { type, index } : null;
    }
    default:
      return null;
  }
}

function move<T>(items: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || target < 0 || target >= items.length) return items;
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/**
 * Applies a structural change to the form's values. Limits (2–6 options,
 * 2–20 questions) are left to the schema, so its message explains them.
 */
export function applyIntent(
  values: AidFormValues,
  intent: EditorIntent,
  newId: () => string,
): AidFormValues {
  switch (intent.type) {
    case 'save':
      return values;
    case 'add-option': {
      const id = newId();
      return {
        ...values,
        options: [...values.options, { id, name: '', description: '', isNoAction: false }],
        rows: values.rows.map((row) => ({ ...row, cells: { ...row.cells, [id]: blankCell() } })),
      };
    }
    case 'remove-option':
      return {
        ...values,
        options: values.options.filter((o) => o.id !== intent.id),
        rows: values.rows.map((row) => ({
          ...row,
          cells: Object.fromEntries(Object.entries(row.cells).filter(([id]) => id !== intent.id)),
        })),
      };
    case 'move-option-left':
    case 'move-option-right':
      return {
        ...values,
        options: move(
          values.options,
          values.options.findIndex((o) => o.id === intent.id),
          intent.type === 'move-option-left' ? -1 : 1,
        ),
      };
    case 'add-row':
      return {
        ...values,
        rows: [
          ...values.rows,
          {
            id: newId(),
            question: '',
            label: '',
            kind: 'benefit',
            topic: '',
            cells: Object.fromEntries(values.options.map((o) => [o.id, blankCell()])),
          },
        ],
      };
    case 'remove-row':
      return { ...values, rows: values.rows.filter((r) => r.id !== intent.id) };
    case 'move-row-up':
    case 'move-row-down':
      return {
        ...values,
        rows: move(
          values.rows,
          values.rows.findIndex((r) => r.id === intent.id),
          intent.type === 'move-row-up' ? -1 : 1,
        ),
      };
    case 'add-source':
      return {
        ...values,
        sources: [
          ...values.sources,
          { id: newId(), citation: '', url: '', doi: '', pmid: '', date: '' },
        ],
      };
    case 'remove-source':
      return {
        ...values,
        sources: values.sources.filter((s) => s.id !== intent.id),
        // A removed source is no longer cited anywhere.
        rows: values.rows.map((row) => ({
          ...row,
          cells: Object.fromEntries(
            Object.entries(row.cells).map(([id, cell]) => [
              id,
              { ...cell, sourceIds: cell.sourceIds.filter((s) => s !== intent.id) },
            ]),
          ),
        })),
      };
    case 'add-author':
      return { ...values, authors: [...values.authors, { name: '', credentials: '' }] };
    case 'remove-author':
      return { ...values, authors: values.authors.filter((_, i) => i !== intent.index) };
  }
}
