import type { FieldError, ProblemKind } from '#shared/problem';

/** Thrown anywhere in the API; the one error handler turns it into problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly options: {
      detail?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Extra members of the problem (RFC 9457 §3.2), e.g. `current` on a conflict. */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(options.detail ?? kind);
    this.name = 'ProblemError';
  }
}
