import { describe, expect, it } from 'vitest';
import { AidContent } from '#shared/aid/schema';
import {
  anchorAfter,
  FORM_TOO_LARGE,
  numberAddedTo,
  readEditorPost,
} from '../../web/routes/_clinic.aids.$aidId._index/aid-form.server';
import { publishableAid as baseAid } from '../support/aids';

/**
 * The support aid, with numbers as the editor edits them now: two in one
 * cell (an outcome each, a time frame as value and unit, a range), and each
 * development step confirmed with how it was done.
 */
function publishableAid(): AidContent {
  const aid = baseAid();
  const number = (numerator: number, outcome: string) => ({
    outcome,
    numerator,
    denominator: 100,
    timeFrame: { value: 6, unit: 'months' as const },
    referenceClass: 'people like you who use the cream',
    range: { low: Math.max(0, numerator - 5), high: numerator + 5 },
  });
  return AidContent.parse({
    ...aid,
    rows: aid.rows.map((row) =>
      row.id === 'better'
        ? {
            ...row,
            cells: {
              a: {
                ...row.cells['a']!,
                numbers: [number(30, 'feel better'), number(10, 'itch less')],
              },
              b: {
                ...row.cells['b']!,
                numbers: [{ ...number(10, 'feel better'), timeFrame: undefined }],
              },
            },
          }
        : row,
    ),
    attestations: {
      patientNeeds: { done: true, detail: '12 people with eczema were interviewed.' },
      reviewedByExperts: { done: true, detail: '' },
    },
  });
}

/** The fields a browser sends for a form showing `content`, named as Conform names them. */
function formEntries(content: AidContent): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const walk = (value: unknown, name: string) => {
    if (typeof value === 'boolean') {
      if (value) entries.push([name, 'on']);
    } else if (typeof value === 'string' || typeof value === 'number') {
      entries.push([name, String(value)]);
    } else if (Array.isArray(value)) {
      if (name.endsWith('sourceIds')) value.forEach((v) => entries.push([name, String(v)]));
      else value.forEach((item, i) => walk(item, `${name}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, name ? `${name}.${key}` : key);
    }
  };
  walk(content, '');
  return entries;
}

function formOf(entries: Array<[string, string | Blob]>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

/** A Conform list intent, as the editor's buttons send it. */
const listIntent = (intent: { type: string; payload: Record<string, unknown> }) =>
  ['__intent__', JSON.stringify(intent)] as [string, string];

const ids = (...values: string[]) => {
  const queue = [...values];
  return () => queue.shift() ?? 'spare';
};

function read(entries: Array<[string, string | Blob]>, newId = ids('new')) {
  const post = readEditorPost(formOf(entries), newId);
  if (post.kind !== 'read') throw new Error('The form was refused');
  return post;
}

function valueOf(entries: Array<[string, string | Blob]>, newId = ids('new')) {
  const { parsed } = read(entries, newId);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.submission.reply().error));
  return parsed.value;
}

describe('the editor form', () => {
  it('refuses an item id the page never makes, rather than echo it into field names', () => {
    const entries = formEntries(publishableAid()).map(([name, value]): [string, string | Blob] =>
      name === 'options[1].id' ? [name, '[]'] : [name, value],
    );
    const post = readEditorPost(formOf(entries), ids('new'));
    expect(post.kind).toBe('refused');
  });

  it('reads back the content it shows, unchanged', () => {
    const content = publishableAid();
    expect(valueOf(formEntries(content))).toEqual(content);
  });

  it('reads the numbers of a cell and the six development steps', () => {
    const content = valueOf(formEntries(publishableAid()));
    expect(content.rows[0]!.cells['a']!.numbers.map((n) => n.outcome)).toEqual([
      'feel better',
      'itch less',
    ]);
    expect(content.rows[0]!.cells['a']!.numbers[0]!.timeFrame).toEqual({
      value: 6,
      unit: 'months',
    });
    expect(content.attestations.patientNeeds).toEqual({
      done: true,
      detail: '12 people with eczema were interviewed.',
    });
    expect(content.attestations.fieldTestedWithClinicians).toEqual({ done: false, detail: '' });
  });

  it('sends a mistyped number back exactly as typed, with the error at its field', () => {
    const name = 'rows[0].cells.a.numbers[1].numerator';
    const entries = formEntries(publishableAid()).map(([n, value]): [string, string] =>
      n === name ? [n, 'many'] : [n, value],
    );
    const { parsed } = read(entries);
    expect(parsed.ok).toBe(false);
    const reply = parsed.submission.reply();
    expect(reply.error?.[name]).toEqual(['Use a whole number']);
    const rows = reply.initialValue?.['rows'] as Array<{
      cells: Record<string, { numbers: Array<{ numerator: string }> }>;
    }>;
    expect(rows[0]!.cells['a']!.numbers[1]!.numerator).toBe('many');
  });

  it('says which time unit is wrong, and reads no time frame when its value is blank', () => {
    const unit = 'rows[0].cells.a.numbers[0].timeFrame.unit';
    const { parsed } = read(
      formEntries(publishableAid()).map(([n, value]): [string, string] =>
        n === unit ? [n, 'fortnights'] : [n, value],
      ),
    );
    expect(!parsed.ok && parsed.submission.reply().error?.[unit]).toEqual([
      'Choose days, weeks, months or years',
    ]);
    // The unit is a select: it is always sent, but without a value there is no time frame.
    const content = valueOf(
      formEntries(publishableAid()).map(([n, value]): [string, string] =>
        n === 'rows[0].cells.a.numbers[0].timeFrame.value' ? [n, ' '] : [n, value],
      ),
    );
    expect(content.rows[0]!.cells['a']!.numbers[0]).not.toHaveProperty('timeFrame');
  });

  it('leaves out blank optional fields, and a blank number at the end of a cell', () => {
    const entries = formEntries(publishableAid())
      .filter(([name]) => !name.startsWith('rows[0].cells.a.numbers[1].'))
      .concat([
        ['rows[0].cells.a.numbers[1].outcome', ''],
        ['rows[0].cells.a.numbers[1].numerator', ''],
        ['rows[0].cells.a.numbers[1].denominator', ' '],
        ['rows[0].cells.a.numbers[1].timeFrame.unit', 'years'],
        ['sources[0].url', '  '],
      ]);
    const content = valueOf(entries);
    expect(content.rows[0]!.cells['a']!.numbers).toHaveLength(1);
    expect(content.sources[0]).not.toHaveProperty('url');
  });

  it('keeps a blank number between filled ones, with its errors at its own fields', () => {
    const entries = formEntries(publishableAid())
      .filter(([name]) => !name.startsWith('rows[0].cells.a.numbers[0].'))
      .concat([['rows[0].cells.a.numbers[0].timeFrame.unit', 'years']]);
    const { parsed } = read(entries);
    const error = !parsed.ok ? parsed.submission.reply().error : {};
    expect(error?.['rows[0].cells.a.numbers[0].numerator']).toEqual(['Use a whole number']);
    expect(error?.['rows[0].cells.a.numbers[1].numerator']).toBeUndefined();
  });

  it('adds a number to a cell: not saved while blank, shown as sent, at its place', () => {
    const post = read([
      ...formEntries(publishableAid()),
      listIntent({
        type: 'insert',
        payload: {
          name: 'rows[0].cells.b.numbers',
          defaultValue: { timeFrame: { unit: 'years' } },
        },
      }),
    ]);
    if (!post.parsed.ok) throw new Error('not valid');
    expect(post.parsed.value.rows[0]!.cells['b']!.numbers).toHaveLength(1);
    const rows = post.parsed.submission.reply().initialValue?.['rows'] as Array<{
      cells: Record<string, { numbers: unknown[] }>;
    }>;
    expect(rows[0]!.cells['b']!.numbers).toHaveLength(2);
    expect(anchorAfter(post.change, post.parsed.value)).toBe('number-better-b-1');
    expect(numberAddedTo(post.change, post.parsed.value)).toEqual({
      row: 'better',
      anchor: 'number-better-b-1',
    });
  });

  it('removes a number, and goes back to its cell', () => {
    const post = read([
      ...formEntries(publishableAid()),
      listIntent({ type: 'remove', payload: { name: 'rows[0].cells.a.numbers', index: 0 } }),
    ]);
    if (!post.parsed.ok) throw new Error('not valid');
    expect(post.parsed.value.rows[0]!.cells['a']!.numbers.map((n) => n.outcome)).toEqual([
      'itch less',
    ]);
    expect(anchorAfter(post.change, post.parsed.value)).toBe('cell-better-a');
    expect(numberAddedTo(post.change, post.parsed.value)).toBeNull();
  });

  it('adds an option with its id made on the server and a blank answer in every question', () => {
    const post = read(
      [
        ...formEntries(publishableAid()),
        listIntent({ type: 'insert', payload: { name: 'options', defaultValue: { name: '' } } }),
      ],
      ids('opt-new'),
    );
    if (!post.parsed.ok) throw new Error('not valid');
    const content = post.parsed.value;
    expect(content.options.map((o) => o.id)).toEqual(['a', 'b', 'opt-new']);
    expect(content.rows.every((row) => row.cells['opt-new']?.text === '')).toBe(true);
    expect(anchorAfter(post.change, content)).toBe('option-opt-new');
    // The page is sent back with the id, so that the browser shows the option as the server made it.
    const options = post.parsed.submission.reply().initialValue?.['options'] as Array<{
      id: string;
    }>;
    expect(options.map((o) => o.id)).toEqual(['a', 'b', 'opt-new']);
  });

  it('moves and removes options; a removed option takes its answers with it', () => {
    const moved = valueOf([
      ...formEntries(publishableAid()),
      listIntent({ type: 'reorder', payload: { name: 'options', from: 1, to: 0 } }),
    ]);
    expect(moved.options.map((o) => o.id)).toEqual(['b', 'a']);
    // Answers are keyed by option id: they stay with their option.
    expect(moved.rows[0]!.cells['a']).toEqual(publishableAid().rows[0]!.cells['a']);

    const removed = valueOf([
      ...formEntries(publishableAid()),
      listIntent({ type: 'insert', payload: { name: 'options' } }),
    ]);
    const withoutA = valueOf([
      ...formEntries(removed),
      listIntent({ type: 'remove', payload: { name: 'options', index: 0 } }),
    ]);
    expect(withoutA.options.map((o) => o.id)).toEqual(['b', 'new']);
    expect(withoutA.rows.every((row) => !Object.hasOwn(row.cells, 'a'))).toBe(true);
  });

  it('moves a question and scrolls to it; a removed source is cited nowhere', () => {
    const post = read([
      ...formEntries(publishableAid()),
      listIntent({ type: 'reorder', payload: { name: 'rows', from: 0, to: 1 } }),
    ]);
    expect(post.parsed.ok && post.parsed.value.rows.map((r) => r.id)).toEqual([
      'rash',
      'better',
      'life',
    ]);
    expect(post.parsed.ok && anchorAfter(post.change, post.parsed.value)).toBe('row-better');

    const uncited = valueOf([
      ...formEntries(publishableAid()),
      listIntent({ type: 'remove', payload: { name: 'sources', index: 0 } }),
    ]);
    expect(uncited.sources).toEqual([]);
    expect(
      uncited.rows.flatMap((row) => Object.values(row.cells).flatMap((c) => c.sourceIds)),
    ).toEqual([]);
  });

  it("refuses a list intent that is not one of Conform's", () => {
    expect(() => read([...formEntries(publishableAid()), ['__intent__', 'explode']])).toThrow();
  });

  it('refuses a form of 24,000 repeated fields unread, in one pass', () => {
    const entries: Array<[string, string]> = [...formEntries(publishableAid())];
    for (let i = 0; i < 24_000; i += 1) entries.push(['rows[0].cells.a.sourceIds', 's1']);
    const post = readEditorPost(formOf(entries), ids('new'));
    expect(post).toEqual({
      kind: 'refused',
      reply: { status: 'error', error: { '': [FORM_TOO_LARGE] } },
    });
  });

  it('ignores what no editor sends: repeats, far indices, answers of no option, files', () => {
    const junk: Array<[string, string | Blob]> = [];
    for (let i = 0; i < 2_000; i += 1) {
      junk.push(['title', 'A second title']);
      junk.push(['rows[0].question', 'A second question']);
      junk.push([`rows[0].cells.nobody-${i}.text`, 'An answer for no option']);
    }
    junk.push(['options[4000000000].id', 'far']);
    junk.push(['rows[999].id', 'far']);
    junk.push(['__state__', '{not json']);
    junk.push(['funding', new Blob(['a file'])]);
    const content = publishableAid();
    expect(valueOf([...formEntries(content), ...junk])).toEqual(content);
  });
});
