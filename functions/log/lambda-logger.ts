/**
 * The project's `Logger` in Lambda: Powertools for AWS Lambda's Logger behind
 * it, so that every line carries the invocation's request id, the X-Ray trace
 * id, the function and cold start, as CloudWatch Logs Insights expects them.
 * Locally and in tests, createLogger (logger.ts) writes the same fields
 * without the Lambda ones; nothing else changes.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LambdaContext } from 'hono/aws-lambda';
import type { LogFields, LogLevel, Logger } from './logger';

export interface LambdaLogger extends Logger {
  /** Stamps the invocation's request id on every line until the next invocation. */
  startInvocation(context: LambdaContext | undefined): void;
}

const levels: Record<LogLevel, 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

/** Lines go to stdout (debug, info) and stderr (warn, error), where Lambda sends both to CloudWatch Logs. */
export function createLambdaLogger(options: {
  level: LogLevel;
  serviceName: string;
}): LambdaLogger {
  const logger = new PowertoolsLogger({
    serviceName: options.serviceName,
    logLevel: levels[options.level],
  });
  // Fields are flat and primitive (logger.ts): never a request or an item.
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      logger[level](message, fields as Record<string, unknown>);
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    startInvocation(context) {
      if (!context) return;
      logger.addContext(context as unknown as Parameters<PowertoolsLogger['addContext']>[0]);
    },
  };
}
