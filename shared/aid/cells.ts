import type { AidRow, Cell } from './schema';
import { own } from '../own';

// Helpers that patient pages use in the browser, kept apart from the zod schemas.

/** The cell of a row for an option; an empty one when the author has not written it yet. */
export function cellOf(row: AidRow, optionId: string): Cell {
  return own(row.cells, optionId) ?? { text: '', numbers: [], sourceIds: [] };
}

/** Text that is only spaces counts as missing. */
export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
