import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import * as z from 'zod';
import { jwksUrl } from '../auth/oidc-settings';

/** A clinician the development issuer can sign in: the seeded ones, and those invited (dev-directory.ts). */
export interface DevAccount {
  subject: string;
  email: string;
  name: string;
  organisation: string;
  /** Whether the ID token says the address is verified (as Cognito's `email_verified`); true unless said. */
  emailVerified?: boolean;
}

export interface DevIssuer {
  /** Mount at /dev on the local server. Never part of the Lambda bundle. */
  app: Hono;
  issuer: string;
}

const TOKEN_LIFETIME_SECONDS = 3600;
const CODE_LIFETIME_MS = 60_000;

const AuthorizeParams = z.object({
  response_type: z.literal('code'),
  client_id: z.string(),
  redirect_uri: z.url(),
  state: z.string().min(1).max(512),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code_challenge_method: z.literal('S256'),
  scope: z.string().optional(),
});

const CodeGrant = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: z.string(),
  code: z.string(),
  redirect_uri: z.string(),
  code_verifier: z.string().min(43).max(128),
});

const EmailGrant = z.object({ email: z.string() });

interface PendingCode {
  account: DevAccount;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

/**
 * A local OpenID Connect provider for development and tests: a sign-in page
 * listing the seeded clinicians and invited members, RS256 tokens shaped like
 * Amazon Cognito's access and ID tokens, a JWKS endpoint, and `POST /dev/token` with `{ "email" }` for
 * scripts. The API verifies its tokens by the same code that verifies Cognito's.
 */
export async function createDevIssuer(options: {
  publicOrigin: string;
  clientId: string;
  /** A fixed list, or one read at each sign-in (invited members join it). */
  accounts: readonly DevAccount[] | (() => Promise<readonly DevAccount[]>);
}): Promise<DevIssuer> {
  const { publicOrigin, clientId } = options;
  const accounts = async () =>
    typeof options.accounts === 'function' ? options.accounts() : options.accounts;
  const accountOf = async (email: unknown) => (await accounts()).find((a) => a.email === email);
  const issuer = `${publicOrigin}/dev`;
  const jwksPath = new URL(jwksUrl(issuer)).pathname.replace(/^\/dev/, '');
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();

  /** What the token endpoint answers: an access token, and an ID token with the address. */
  const tokens = async (account: DevAccount) => ({
    access_token: await sign(privateKey, kid, issuer, account, clientId),
    id_token: await signIdToken(privateKey, kid, issuer, account, clientId),
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
  });
  const allowedRedirect = `${publicOrigin}/auth/callback`;

  /** The authorization request, if it is for our client and our callback. */
  const authorizeRequest = (input: unknown) => {
    const params = AuthorizeParams.safeParse(input);
    if (
      !params.success ||
      params.data.client_id !== clientId ||
      params.data.redirect_uri !== allowedRedirect
    ) {
      return null;
    }
    return params.data;
  };
  const notValid = page(
    'Sign-in request not valid',
    html`<p>Start again from <a href="/signin">the sign-in page</a>.</p>`,
  );

  const app = new Hono()
    .get('/.well-known/openid-configuration', (c) =>
      c.json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: jwksUrl(issuer),
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      }),
    )
    .get(jwksPath, (c) => c.json({ keys: [publicJwk] }))
    .get('/authorize', async (c) => {
      const params = authorizeRequest(c.req.query());
      if (!params) return c.html(notValid, 400);
      return c.html(page('Choose a demo clinician', chooser(await accounts(), params)));
    })
    .post('/authorize', async (c) => {
      const form = await c.req.parseBody();
      const params = authorizeRequest(form);
      const account = await accountOf(form.email);
      if (!params || !account) return c.html(notValid, 400);
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        account,
        redirectUri: params.redirect_uri,
        codeChallenge: params.code_challenge,
        expiresAt: Date.now() + CODE_LIFETIME_MS,
      });
      const target = new URL(params.redirect_uri);
      target.searchParams.set('code', code);
      target.searchParams.set('state', params.state);
      return c.redirect(target.toString(), 303);
    })
    .post('/token', async (c) => {
      const isJson = (c.req.header('content-type') ?? '').includes('json');
      if (isJson) {
        const body = EmailGrant.safeParse(await c.req.json().catch(() => null));
        const account = body.success ? await accountOf(body.data.email) : undefined;
        if (!account)
          return c.json({ error: 'invalid_request', error_description: 'Unknown email' }, 400);
        return c.json(await tokens(account));
      }
      const grant = CodeGrant.safeParse(await c.req.parseBody());
      const pending = grant.success ? codes.get(grant.data.code) : undefined;
      if (grant.success) codes.delete(grant.data.code); // single use
      const challenge = grant.success
        ? createHash('sha256').update(grant.data.code_verifier).digest('base64url')
        : undefined;
      if (
        !grant.success ||
        !pending ||
        pending.expiresAt < Date.now() ||
        grant.data.client_id !== clientId ||
        grant.data.redirect_uri !== pending.redirectUri ||
        challenge !== pending.codeChallenge
      ) {
        return c.json({ error: 'invalid_grant' }, 400);
      }
      return c.json(await tokens(pending.account));
    });

  return { app, issuer };
}

function sign(key: CryptoKey, kid: string, issuer: string, account: DevAccount, clientId: string) {
  // The claims Cognito puts in an access token.
  return new SignJWT({ client_id: clientId, token_use: 'access', scope: 'openid email' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setSubject(account.subject)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key);
}

/** The claims Cognito puts in an ID token: the audience is the client, and the address is said. */
function signIdToken(
  key: CryptoKey,
  kid: string,
  issuer: string,
  account: DevAccount,
  clientId: string,
) {
  return new SignJWT({
    token_use: 'id',
    email: account.email,
    email_verified: account.emailVerified ?? true,
    name: account.name,
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setSubject(account.subject)
    .setAudience(clientId)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key);
}

function chooser(accounts: readonly DevAccount[], params: z.infer<typeof AuthorizeParams>) {
  const hidden = html`${Object.entries(params).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value ?? ''}" />`,
  )}`;
  return html` <p>
      This page exists only on your computer. In AWS, clinicians sign in with their clinic account.
    </p>
    <ul class="accounts">
      ${accounts.map(
        (account) =>
          html`<li>
            <form method="post" action="/dev/authorize">
              ${hidden}
              <input type="hidden" name="email" value="${account.email}" />
              <button type="submit">Sign in as ${account.name}</button>
              <p>${account.email} · ${account.organisation}</p>
            </form>
          </li>`,
      )}
    </ul>`;
}

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Development sign-in · Decide Together</title>
        <style>
          body {
            font:
              1.125rem/1.5 system-ui,
              sans-serif;
            max-width: 40rem;
            margin: 0 auto;
            padding: 1rem;
            color: #1a1a1a;
          }
          .accounts {
            list-style: none;
            padding: 0;
          }
          .accounts li {
            border: 1px solid #6b6b6b;
            border-radius: 0.5rem;
            padding: 1rem;
            margin-block: 1rem;
          }
          .accounts p {
            margin: 0.5rem 0 0;
          }
          button {
            font: inherit;
            padding: 0.5rem 1rem;
            border-radius: 0.375rem;
            border: 2px solid #0b4f8a;
            background: #0b4f8a;
            color: #fff;
            cursor: pointer;
          }
          :focus-visible {
            outline: 3px solid #b35c00;
            outline-offset: 2px;
          }
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}
