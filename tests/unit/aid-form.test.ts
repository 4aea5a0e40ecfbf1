import { describe, expect, it } from 'vitest';
import type { AidContent } from '#shared/aid/schema';
import {
  anchorAfter,
  FORM_TOO_LARGE,
  readEditorPost,
} from '../../web/routes/_clinic.aids.$aidId._index/aid-form.server';
import { publishableAid } from '../support/aids';

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
  it('reads back the content it shows, unchanged', () => {
    const content = publishableAid();
    expect(valueOf(formEntries(content))).toEqual(content);
  });

  it('sends a mistyped number back exactly as typed, with the error at its field', () => {
    const entries = formEntries(publishableAid()).map(([name, value]): [string, string] =>
      name === 'rows[0].cells.a.number.numerator' ? [name, 'many'] : [name, value],
    );
    const { parsed } = read(entries);
    expect(parsed.ok).toBe(false);
    const reply = parsed.submission.reply();
    expect(reply.error?.['rows[0].cells.a.number.numerator']).toEqual(['Use a whole number']);
    const rows = reply.initialValue?.['rows'] as Array<{
      cells: Record<string, { number: { numerator: string } }>;
    }>;
    expect(rows[0]!.cells['a']!.number.numerator).toBe('many');
  });

  it('leaves out blank optional fields, and a number whose fields are all blank', () => {
    const entries = formEntries(publishableAid())
      .filter(([name]) => !name.startsWith('rows[0].cells.a.number.'))
      .concat([
        ['rows[0].cells.a.number.numerator', ''],
        ['rows[0].cells.a.number.denominator', ' '],
        ['sources[0].url', '  '],
      ]);
    const content = valueOf(entries);
    expect(content.rows[0]!.cells['a']!.number).toBeUndefined();
    expect(content.sources[0]).not.toHaveProperty('url');
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
