import { randomBytes } from 'node:crypto';

/** An id that sorts by creation time (base-36 milliseconds, then randomness): newest-first lists need no index. */
export function sortableId(now: Date): string {
  return now.getTime().toString(36).padStart(9, '0') + randomBytes(9).toString('base64url');
}
