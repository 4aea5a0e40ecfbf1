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

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify({ sk: lastKey.sk })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sk: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    return CursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}
