/** A fetch that may be the network (AWS) or an in-process app (the local issuer). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The OpenID Connect provider: Amazon Cognito in AWS, the development issuer locally. */
export interface OidcSettings {
  /** Exactly the `iss` claim of the provider's tokens. */
  issuer: string;
  clientId: string;
  fetch: FetchLike;
}

/** Cognito and the development issuer both publish their keys here. */
export function jwksUrl(issuer: string): string {
  return `${issuer}/.well-known/jwks.json`;
}
