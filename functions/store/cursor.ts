import * as z from 'zod';

/**
 * Cursors carry only the sort key of the last item; the partition key is
 * rebuilt from the caller's organisation, so a cursor cannot reach another
 * organisation's data.
 */
const CursorPayload = z.object({ sk: z.string().max(256) });

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid');
  }
}

/** The cursor after `lastKey`, from its sort key (the index's own, for a list read from an index). */
export function encodeCursor(
  lastKey: Record<string, unknown> | undefined,
  sortKeyName = 'sk',
): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify({ sk: lastKey[sortKeyName] })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sk: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    return CursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}
