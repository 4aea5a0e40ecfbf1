import type { SubmissionResult } from '@conform-to/react';
import { aidLimits, type AidContent } from '#shared/aid/schema';
import { admitFormData, CONFORM_INTENT, type FormLimits } from '../../lib/form-data.server';
import { parseForm, refusedReply, type ParsedForm } from '../../lib/forms.server';
import { AidForm } from './aid-form';

/**
 * The largest aid sends about 6,300 fields (120 answers of 9 fields, each
 * citing up to 40 sources, and the rest); a form with more is refused unread.
 * Lists are far shorter than 100; only a cell's sources come more than once.
 */
export const editorFormLimits: FormLimits = {
  maxFields: 8_000,
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
  const change = prepareListChange(admitted, newId);
  return { kind: 'read', change, parsed: parseForm(admitted, AidForm) };
}

/** Where the page should scroll after a change to a list: the item, or the list's heading. */
export function anchorAfter(change: ListChange | null, content: AidContent): string | undefined {
  if (!change) return undefined;
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
