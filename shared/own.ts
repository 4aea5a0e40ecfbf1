/**
 * A record's own value for a key: an id such as "constructor" or "__proto__"
 * never reads from Object.prototype.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
