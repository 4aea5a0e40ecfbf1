import type { AidRow, Cell } from './schema';

// Helpers that patient pages use in the browser, kept apart from the zod schemas.

/** The cell of a row for an option; an empty one when the author has not written it yet. */
export function cellOf(row: AidRow, optionId: string): Cell {
  // Own keys only: an id such as "constructor" must not find Object's own members.
  return (
    (Object.hasOwn(row.cells, optionId) ? row.cells[optionId] : undefined) ?? {
      text: '',
      sourceIds: [],
    }
  );
}

/** Text that is only spaces counts as missing. */
export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
