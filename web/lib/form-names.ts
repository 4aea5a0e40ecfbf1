/**
 * The form field a JSON pointer (RFC 6901) names, in Conform's notation:
 * `/rows/0/cells/a/text` is `rows[0].cells.a.text`. Whether a segment is a
 * list index or a key is read from `value`, the data the pointer points into:
 * an id made of digits stays a key. Past the end of `value`, digits are an index.
 */
export function fieldNameOf(pointer: string, value: unknown): string {
  if (pointer === '') return '';
  let name = '';
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const isIndex =
      /^\d+$/.test(segment) &&
      (Array.isArray(current) || current === undefined || current === null);
    name = isIndex ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment;
    current =
      current !== null && typeof current === 'object' && Object.hasOwn(current, segment)
        ? (current as Record<string, unknown>)[segment]
        : undefined;
  }
  return name;
}
