import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Stage } from './stage';

/**
 * Clinicians sign in with Cognito's hosted pages (authorization code + PKCE),
 * with MFA (an authenticator app) and, on the Plus plan, threat protection
 * that blocks risky and compromised-credential sign-ins. Both are on in every
 * stage; only `-c stage=dev -c devSwitchOff=mfa,threatProtection` turns them off.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly signInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const { edges } = props.stage;
    this.userPool = new UserPool(this, 'Clinicians', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: edges.mfa ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection needs the Plus plan (billed per active user).
      featurePlan: edges.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(edges.threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.signInDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.stage.signInDomainPrefix },
    });
  }

  /** The web app's client: its callback and sign-out addresses are the site's. */
  addWebClient(publicOrigin: string): UserPoolClient {
    return new UserPoolClient(this, 'WebClient', {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${publicOrigin}/auth/callback`],
        logoutUrls: [`${publicOrigin}/signin`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
  }
}
