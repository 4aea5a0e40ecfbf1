import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Identity } from './identity';
import { ServerFunction } from './server-function';
import type { Stage } from './stage';

/**
 * The server: one Lambda (API and pages) behind an HTTP API, which only
 * CloudFront may use — it sends the origin secret the function checks
 * (ADR 19).
 */
export class Server extends Construct {
  readonly function: ServerFunction;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  /** The value of x-origin-verify; a new secret per `originSecretGeneration`. */
  readonly originSecret: Secret;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: Stage;
      key: IKey;
      table: ITableV2;
      identity: Identity;
      codePath: string;
    },
  ) {
    super(scope, id);
    const { stage, key } = props;
    this.originSecret = new Secret(this, `OriginSecret${stage.originSecretGeneration}`, {
      description: 'Decide Together: the header CloudFront sends to the API (x-origin-verify)',
      encryptionKey: key,
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new ServerFunction(this, 'Function', {
      codePath: props.codePath,
      logKey: key,
      logRetention: stage.logRetention,
      description: 'Decide Together: API and pages',
    });
    this.function.bindTable(props.table, key);
    this.function.bindMemberDirectory(props.identity.userPool);
    // Resolved by CloudFormation at deploy; never in the template or the code.
    this.function.addEnvironment(
      'ORIGIN_VERIFY_SECRET',
      this.originSecret.secretValue.unsafeUnwrap(),
    );

    this.api = new HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetention,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.apiStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: stage.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Status and timing only: no paths (patient links carry tokens), no query strings, no cookies.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            method: '$context.httpMethod',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.api.addRoutes({
      path: '/{proxy+}',
      integration: new HttpLambdaIntegration('Integration', this.function),
    });
    this.api.addRoutes({
      path: '/',
      integration: new HttpLambdaIntegration('RootIntegration', this.function),
    });
  }
}
