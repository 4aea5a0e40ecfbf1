/** JSON pointer (RFC 6901) of a path such as ['options', 0, 'name'] → "/options/0/name". */
export function toPointer(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('');
}
