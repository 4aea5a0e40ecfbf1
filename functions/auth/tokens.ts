import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { jwksUrl, type OidcSettings } from './oidc-settings';

export interface TokenVerifier {
  /** The token's subject when the token is genuine, current and ours; throws otherwise. */
  verify(token: string): Promise<{ subject: string }>;
  /**
   * An ID token's subject and email address, when the token is genuine,
   * current and issued to our client; throws otherwise. Only sign-in reads one,
   * to link an invited member (ADR 17); without it, nobody is linked by email.
   */
  verifyIdToken?(token: string): Promise<IdentityClaims>;
}

export interface IdentityClaims {
  subject: string;
  email: string | null;
  /** The provider vouches that the address is the person's. */
  emailVerified: boolean;
}

export class InvalidTokenError extends Error {
  constructor(cause?: unknown) {
    super('The access token is not valid', { cause });
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies OAuth access tokens as Amazon Cognito issues them (RS256, `token_use`
 * "access", `client_id`), against the provider's published keys. The local
 * development issuer issues the same shape, so this one path runs everywhere.
 */
export function createTokenVerifier({ issuer, clientId, fetch }: OidcSettings): TokenVerifier {
  // jose is loaded by the first token to verify: requests with a browser session (most of
  // them) never need it, and a cold start reads it for nothing (about 27 ms, docs/performance.md).
  let loaded:
    Promise<(token: string, options: JWTVerifyOptions) => Promise<JWTPayload>> | undefined;
  const verifyWithKeys = async (token: string, options: JWTVerifyOptions) => {
    loaded ??= import('jose').then(({ createRemoteJWKSet, customFetch, jwtVerify }) => {
      const keys = createRemoteJWKSet(new URL(jwksUrl(issuer)), {
        [customFetch]: (url, init) => fetch(url, init as RequestInit),
      });
      return async (jwt, verifyOptions) => (await jwtVerify(jwt, keys, verifyOptions)).payload;
    });
    // A failed load is tried again by the next token, and answers as the fault it is (500).
    const verifyJwt = await loaded.catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    try {
      return await verifyJwt(token, options);
    } catch (error) {
      throw new InvalidTokenError(error);
    }
  };
  return {
    async verify(token) {
      const payload = await verifyWithKeys(token, { issuer, algorithms: ['RS256'] });
      if (payload.token_use !== 'access' || payload.client_id !== clientId || !payload.sub) {
        throw new InvalidTokenError(new Error('not an access token for this client'));
      }
      return { subject: payload.sub };
    },
    async verifyIdToken(token) {
      const payload = await verifyWithKeys(token, {
        issuer,
        audience: clientId,
        algorithms: ['RS256'],
      });
      if (payload.token_use !== 'id' || !payload.sub) {
        throw new InvalidTokenError(new Error('not an ID token'));
      }
      const email = typeof payload.email === 'string' ? payload.email : null;
      // Cognito says `true`; some federated providers say "true".
      const verified = payload.email_verified === true || payload.email_verified === 'true';
      return { subject: payload.sub, email, emailVerified: email !== null && verified };
    },
  };
}
