import type { SubmissionResult } from '@conform-to/react';
import type { AidContent } from '#shared/aid/schema';
import { aidLimits } from '#shared/aid/limits';
import { admitFormData, CONFORM_INTENT, type FormLimits } from '../../lib/form-data.server';
import { parseForm, refusedReply, type ParsedForm } from '../../lib/forms.server';
import { cellAnchor, numberAnchor, numbersListOf } from '../../components/editor/editor-anchors';
import { AidForm } from './aid-form';

/**
 * The largest aid sends about 9,400 fields (120 answers of up to 75: words,
 * certainty, fit, 4 numbers of 8 fields, and up to 40 sources ticked; then
 * the options, questions, sources, authors and the six development steps);
 * a form with more is refused unread. Lists are far shorter than 100; only a
 * cell's sources come more than once.
 */
export const editorFormLimits: FormLimits = {
  maxFields: 10_000,
  maxIndex: 100,
  valuesOf: (name) => (name.endsWith('.sourceIds') ? aidLimits.sources : 1),
};

export const FORM_TOO_LARGE =
  'This form has more fields than any aid can hold, so it was not read. Nothing was saved.';

/** The lists of the editor whose items have ids: a new one gets its id on the server. */
const listsWithIds = new Set(['options', 'rows', 'sources']);

/** A Conform list intent, as the editor's buttons send it. */
export interface ListChange {
  type: 'insert' | 'remove' | 'reorder';
  list: string;
  /** The new item's id (insert), given here so that the page can scroll to it. */
  id?: string;
  to?: number;
}

/**
 * Reads the list intent of the button pressed, if any, and gives a new
 * option, question or source its id. The id is made here, not in the page,
 * so that every render of the page is the same and two presses make two ids.
 */
function prepareListChange(form: FormData, newId: () => string): ListChange | null {
  const raw = form.get(CONFORM_INTENT);
  if (typeof raw !== 'string') return null;
  let intent: { type?: unknown; payload?: Record<string, unknown> };
  try {
    intent = JSON.parse(raw) as typeof intent;
  } catch {
    return null; // Conform refuses it; the action answers 400.
  }
  const { type, payload } = intent;
  if ((type !== 'insert' && type !== 'remove' && type !== 'reorder') || !payload) return null;
  const list = String(payload['name']);
  const change: ListChange = { type, list };
  if (type === 'reorder' && typeof payload['to'] === 'number') change.to = payload['to'];
  if (type === 'insert' && listsWithIds.has(list)) {
    change.id = newId();
    const defaultValue = payload['defaultValue'];
    payload['defaultValue'] = {
      ...(defaultValue && typeof defaultValue === 'object' ? defaultValue : {}),
      id: change.id,
    };
    form.set(CONFORM_INTENT, JSON.stringify(intent));
  }
  return change;
}

/**
 * A number just added to a cell: blank, so not saved, and a reload of the
 * page would not show it. The form is answered as it was sent instead, with
 * its question's details open at the new number.
 */
export function numberAddedTo(
  change: ListChange | null,
  content: AidContent,
): { row: string; anchor: string } | null {
  if (!change || change.type !== 'insert') return null;
  const numbers = numbersListOf(change.list);
  const row = numbers ? content.rows[numbers.row] : undefined;
  const anchor = anchorAfter(change, content);
  return row && anchor ? { row: row.id, anchor } : null;
}

/** The ids of options, questions and sources: made by the page, never typed. */
const itemId = /^(?:options|rows|sources)\[\d+\]\.id$/;
const madeId = /^[A-Za-z0-9_-]{1,64}$/;
const UNKNOWN_IDS = 'This form has changed since the page made it. Reload the page and try again.';

/**
 * Whether every item id is one the page could have made. Cells are named by
 * option id, so an id such as "[]" would name fields no form can hold: such a
 * post is refused, not echoed back into the page.
 */
function idsAsTheyWereMade(form: FormData): boolean {
  for (const [name, value] of form) {
    if (itemId.test(name) && !madeId.test(String(value))) return false;
  }
  return true;
}

export type EditorPost =
  | { kind: 'refused'; reply: SubmissionResult<string[]> }
  | { kind: 'read'; change: ListChange | null; parsed: ParsedForm<AidContent> };

/**
 * The editor's post, read in one pass: refused if larger than any aid, the
 * list intent applied (Conform), then checked against the aid's schema.
 */
export function readEditorPost(form: FormData, newId: () => string): EditorPost {
  const admitted = admitFormData(form, editorFormLimits);
  if (!admitted) return { kind: 'refused', reply: refusedReply(FORM_TOO_LARGE) };
  if (!idsAsTheyWereMade(admitted)) return { kind: 'refused', reply: refusedReply(UNKNOWN_IDS) };
  const change = prepareListChange(admitted, newId);
  return { kind: 'read', change, parsed: parseForm(admitted, AidForm) };
}

/** Where the page should scroll after a change to a list: the item, or the list's heading. */
export function anchorAfter(change: ListChange | null, content: AidContent): string | undefined {
  if (!change) return undefined;
  const numbers = numbersListOf(change.list);
  if (numbers) {
    const row = content.rows[numbers.row];
    if (!row) return 'grid-heading';
    // A number added is the last of its cell, blank and so not yet in `content`.
    return change.type === 'insert'
      ? numberAnchor(row.id, numbers.optionId, row.cells[numbers.optionId]?.numbers.length ?? 0)
      : cellAnchor(row.id, numbers.optionId);
  }
  const prefix = { options: 'option', rows: 'row', sources: 'source' }[change.list];
  const heading =
    change.list === 'sources'
      ? 'sources-heading'
      : change.list === 'authors'
        ? 'authorship-heading'
        : 'grid-heading';
  if (!prefix) return heading;
  if (change.type === 'insert' && change.id) return `${prefix}-${change.id}`;
  if (change.type === 'reorder' && change.to !== undefined) {
    const items: Array<{ id: string }> =
      change.list === 'options' ? content.options : change.list === 'rows' ? content.rows : [];
    const moved = items[change.to];
    if (moved) return `${prefix}-${moved.id}`;
  }
  return heading;
}
