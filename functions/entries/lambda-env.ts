import * as z from 'zod';

/** The Lambda's environment, parsed once at cold start; a bad value stops it with a clear message. */
export const LambdaEnv = z.object({
  TABLE_NAME: z.string().min(1),
  /** The address people use, e.g. https://decide.example.org: sign-in redirects and CSRF checks use it. */
  PUBLIC_ORIGIN: z.url().transform((url) => url.replace(/\/$/, '')),
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_LOGOUT_URL: z.url().optional(),
  /** The Cognito user pool whose accounts admins invite and remove; unset, invitations answer 503. */
  COGNITO_USER_POOL_ID: z
    .string()
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/)
    .optional(),
  /** Only for running the bundle against DynamoDB Local (tests). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Per-address limits: unset for the defaults, "off", or JSON such as {"patientLink":60}. */
  RATE_LIMITS: z.string().optional(),
  /**
   * The value CloudFront sends in x-origin-verify (ADR 19); when set, requests
   * without it are refused. The stack always sets it; the Lambda test does not.
   */
  ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  /** "active" when the function traces to X-Ray (the stack sets it with active tracing). */
  TRACING: z.enum(['active', 'off']).default('off'),
  /** The service name on every log line and trace. */
  POWERTOOLS_SERVICE_NAME: z.string().default('decide-together'),
});
export type LambdaEnv = z.infer<typeof LambdaEnv>;

export function readLambdaEnv(env: NodeJS.ProcessEnv): LambdaEnv {
  const result = LambdaEnv.safeParse(env);
  if (!result.success) {
    throw new Error(`The server's environment is not valid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
