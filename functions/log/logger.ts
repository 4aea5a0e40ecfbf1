/**
 * Structured JSON logs, one object per line. Callers pass fields, never
 * free text built from request data: no tokens, no personal data.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void } = {},
): Logger {
  const threshold = order[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (order[level] < threshold) return;
      write(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A patient's link carries its token in the path (/p/{token}); logs keep only the route shape. */
export function redactPath(path: string): string {
  return path.replace(/^\/p\/[^/]+/, '/p/:token');
}

/** What to log of an error: its class and message, never the request or item it concerned. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  }
  return { errorName: typeof error };
}
