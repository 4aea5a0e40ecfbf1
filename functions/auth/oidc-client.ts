import * as z from 'zod';
import type { OidcSettings } from './oidc-settings';

const Discovery = z.object({
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
});

const TokenResponse = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1).optional(),
});

export interface OidcClient {
  authorizationUrl(request: {
    redirectUri: string;
    state: string;
    codeChallenge: string;
  }): Promise<string>;
  /**
   * Exchanges an authorization code (with its PKCE verifier) for an access
   * token, and the ID token that comes with it (a first sign-in links by its
   * verified email, ADR 17).
   */
  exchangeCode(request: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<{ accessToken: string; idToken: string | undefined }>;
}

/**
 * The authorization-code flow with PKCE against the provider's published
 * configuration: Cognito's hosted sign-in in AWS, the development issuer locally.
 */
export function createOidcClient({ issuer, clientId, fetch }: OidcSettings): OidcClient {
  let discovery: Promise<z.infer<typeof Discovery>> | undefined;
  const discover = () =>
    (discovery ??= fetch(`${issuer}/.well-known/openid-configuration`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`OpenID configuration answered ${response.status}`);
        return Discovery.parse(await response.json());
      })
      .catch((error: unknown) => {
        discovery = undefined; // try again on the next sign-in
        throw error;
      }));

  return {
    async authorizationUrl({ redirectUri, state, codeChallenge }) {
      const url = new URL((await discover()).authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: 'openid email',
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },

    async exchangeCode({ code, redirectUri, codeVerifier }) {
      const response = await fetch((await discover()).token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: clientId,
          code,
          redirect_uri: redirectUri,
          code_verifier: codeVerifier,
        }),
      });
      if (!response.ok) throw new Error(`Token endpoint answered ${response.status}`);
      const tokens = TokenResponse.parse(await response.json());
      return { accessToken: tokens.access_token, idToken: tokens.id_token };
    },
  };
}
