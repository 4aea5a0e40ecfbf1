import type { DefaultValue, FormMetadata, SubmissionResult } from '@conform-to/react';

type Shape = Record<string, unknown>;
type Path = Array<string | number>;

/** The name Conform gives the value at `path`: `ratings.r1`, `ownConcerns[0].text`. */
function nameOf(path: Path): string {
  return path.reduce<string>(
    (name, part) =>
      typeof part === 'number' ? `${name}[${part}]` : name === '' ? part : `${name}.${part}`,
    '',
  );
}

/** Whether `name` is `prefix` or a value under it. */
function isUnder(name: string, prefix: string): boolean {
  if (prefix === '') return true;
  return (
    name.startsWith(prefix) &&
    (name.length === prefix.length || name[prefix.length] === '.' || name[prefix.length] === '[')
  );
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (at, part) =>
      at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined,
    value,
  );
}

/** A form's starting values as a form holds them, the way Conform writes them: all text. */
function asFormValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asFormValues);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'on' : undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, asFormValues(item)]),
    );
  }
  return value ?? undefined;
}

/**
 * The errors a reply holds, by field name. Replies here come `settled` (the
 * server has applied any list intent already), and Conform's `useForm` shows
 * every error of such a reply.
 */
function errorsOf(result: SubmissionResult<string[]> | null | undefined): Map<string, string[]> {
  return new Map(
    Object.entries(result?.error ?? {}).filter(
      (entry): entry is [string, string[]] => (entry[1]?.length ?? 0) > 0,
    ),
  );
}

/**
 * A list intent as Conform's `form.insert` (`remove`, `reorder`) makes it: a
 * submit button whose value the server's parse applies to the list.
 */
function listButton(formId: string, type: 'insert' | 'remove' | 'reorder') {
  return {
    getButtonProps: (payload: { name: string; defaultValue?: unknown }) => ({
      name: '__intent__', // Conform's `INTENT`, which its parse reads
      value: JSON.stringify({
        type,
        payload:
          type === 'insert'
            ? { ...payload, defaultValue: asFormValues(payload.defaultValue) }
            : payload,
      }),
      form: formId,
      formNoValidate: true,
    }),
  };
}

/**
 * Conform's form metadata for a form checked on the server only: the same ids,
 * names, starting values and errors as `useForm` gives, without its client
 * state, which on a form with no checks in the browser does nothing but weigh
 * on the page (ADR 27). A pure function of the reply and the starting values,
 * so the page renders the same on the server and in the browser.
 */
export function serverCheckedForm<S extends Shape>(options: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null | undefined;
  defaultValue?: DefaultValue<S> | undefined;
}): [FormMetadata<S>, ReturnType<FormMetadata<S>['getFieldset']>] {
  const { id: formId, lastResult, defaultValue } = options;
  const initialValue = lastResult?.initialValue ?? asFormValues(defaultValue ?? {});
  const errors = errorsOf(lastResult);

  const metadata = (path: Path): Record<string, unknown> => {
    const name = nameOf(path);
    const id = name ? `${formId}-${name}` : formId;
    const allErrors = Object.fromEntries(
      [...errors].filter(([errorName]) => isUnder(errorName, name)),
    );
    return {
      id,
      name,
      formId,
      errorId: `${id}-error`,
      descriptionId: `${id}-description`,
      initialValue: valueAt(initialValue, path),
      errors: errors.get(name),
      allErrors,
      valid: Object.keys(allErrors).length === 0,
      getFieldset: () =>
        new Proxy(
          {},
          { get: (_, key) => (typeof key === 'string' ? metadata([...path, key]) : undefined) },
        ),
      getFieldList: () => {
        const items = valueAt(initialValue, path) ?? [];
        if (!Array.isArray(items)) throw new Error(`${name} is not a list`);
        return items.map((_, index) => metadata([...path, index]));
      },
    };
  };

  const form = {
    ...metadata([]),
    // As `useForm`: the server's plain-language messages, not the browser's.
    noValidate: true,
    insert: listButton(formId, 'insert'),
    remove: listButton(formId, 'remove'),
    reorder: listButton(formId, 'reorder'),
  };
  // The subset of Conform's metadata its helpers and these pages read; see the tests.
  const typed = form as unknown as FormMetadata<S>;
  return [typed, typed.getFieldset()];
}
