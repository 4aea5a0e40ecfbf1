import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { makeProblem, PROBLEM_CONTENT_TYPE, type ProblemKind } from '#shared/problem';
import { StoreUnavailableError } from '../store/errors';
import { messagePage } from './message-page';
import type { RateLimitRepository } from '../store/rate-limits';

/**
 * Attempts per client address per minute, for the requests a guesser or a
 * flood would repeat: opening patient links, signing in, and exchanging an
 * identity provider's token for a session. Generous for people (a clinic
 * behind one address included), ruinous for scripts.
 */
export const RateLimits = z
  .object({
    patientLink: z.int().min(1).max(10_000).default(30),
    signIn: z.int().min(1).max(10_000).default(20),
    token: z.int().min(1).max(10_000).default(20),
  })
  .strict();
export type RateLimits = z.infer<typeof RateLimits>;
type LimitName = keyof RateLimits;

export const WINDOW_SECONDS = 60;

/** Which requests count against which limit. */
function limitFor(method: string, path: string): LimitName | null {
  if (/^\/p\/[^/]+(\/start)?$/.test(path)) return 'patientLink';
  if (method === 'POST' && (path === '/api/patient/link' || path === '/api/patient/sessions'))
    return 'patientLink';
  if (path === '/auth/signin') return 'signIn';
  // The sign-in callback exchanges a code for tokens: a token exchange.
  if (path === '/auth/callback') return 'token';
  if (method === 'POST' && (path === '/api/sessions' || path === '/dev/token')) return 'token';
  return null;
}

/**
 * `RATE_LIMITS`: unset for the defaults, "off" for none (load tests), or JSON
 * such as {"patientLink": 60} to change some.
 */
export function readRateLimits(setting: string | undefined): RateLimits | 'off' {
  if (setting === 'off') return 'off';
  let value: unknown = {};
  try {
    if (setting) value = JSON.parse(setting);
  } catch {
    throw new Error(`RATE_LIMITS must be "off" or JSON such as {"patientLink":60}, not ${setting}`);
  }
  const result = RateLimits.safeParse(value);
  if (!result.success) throw new Error(`RATE_LIMITS: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * Counts the limited requests where they enter the app, before anything else
 * runs: a 429 with Retry-After (problem+json for the API, a page otherwise).
 */
export function rateLimit(options: {
  limits: RateLimits | 'off';
  store: RateLimitRepository;
  /** The address the request came from, as the platform saw it; never a header a client sets. */
  clientAddress: (c: Context) => string | undefined;
}): MiddlewareHandler {
  const { limits, store, clientAddress } = options;
  return async (c, next) => {
    const name = limits === 'off' ? null : limitFor(c.req.method, c.req.path);
    if (limits === 'off' || name === null) return next();
    let verdict;
    try {
      verdict = await store.hit(name, rateKey(clientAddress(c)), limits[name], WINDOW_SECONDS);
    } catch (error) {
      // The store is not answering: so would the request itself. Say so at once.
      if (error instanceof StoreUnavailableError) return refuse(c, 'unavailable', 2);
      throw error;
    }
    return verdict.allowed ? next() : refuse(c, 'too-many-requests', verdict.retryAfterSeconds);
  };
}

function refuse(
  c: Context,
  kind: ProblemKind & ('too-many-requests' | 'unavailable'),
  seconds: number,
) {
  const headers = {
    'Retry-After': String(seconds),
    'Cache-Control': 'no-store',
    // Answered before the site's own headers are added: the strictest, for a page with no script.
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
  };
  if (c.req.path.startsWith('/api/')) {
    const detail =
      kind === 'unavailable'
        ? 'The service is not answering. Try again in a moment.'
        : `Too many attempts from this address. Try again in ${seconds} seconds.`;
    const problem = makeProblem(kind, { detail });
    return c.body(JSON.stringify(problem), problem.status as 429 | 503, {
      ...headers,
      'Content-Type': PROBLEM_CONTENT_TYPE,
    });
  }
  return kind === 'unavailable'
    ? c.html(
        messagePage(
          'Please try again in a moment',
          'The service did not answer in time. Wait a moment, then try again.',
        ),
        503,
        headers,
      )
    : c.html(
        messagePage(
          'Please wait a moment',
          `There were too many tries from this device or network. Wait ${seconds <= 60 ? 'a minute' : `${Math.ceil(seconds / 60)} minutes`}, then try again.`,
        ),
        429,
        headers,
      );
}

/**
 * Whose attempts count together: an IPv4 address, or an IPv6 /64 (one home or
 * one machine's allocation, whose addresses its holder may rotate at will).
 */
export function rateKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (!address.includes(':')) return address;
  // An IPv4 client seen through an IPv6 socket is its IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
