import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
  type FunctionOptions,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Every DynamoDB action the app uses: reads, conditional writes, queries. Never Scan. */
const tableActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** The Cognito actions of organisation admins' member changes (ADR 17): invite and remove, nothing else. */
const memberDirectoryActions = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'];

/**
 * A Node.js Lambda with the project's defaults in one place: Node.js 24 on
 * arm64, the code folder `npm run build` made (scripts/bundle-server.ts: the
 * same files the Lambda test invokes), a log group with a retention, X-Ray
 * tracing and source maps.
 */
export class ServerFunction extends LambdaFunction {
  constructor(
    scope: Construct,
    id: string,
    props: FunctionOptions & { logKey: IKey; codePath: string },
  ) {
    const { logKey, codePath, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      code: Code.fromAsset(codePath),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      ...rest,
    });
  }

  /** Grants the table and its key, and names the table to the code: one call, so they cannot drift. */
  bindTable(table: ITableV2, key: IKey): void {
    table.grant(this, ...tableActions);
    key.grantEncryptDecrypt(this);
    this.addEnvironment('TABLE_NAME', table.tableName);
  }

  /** Grants the member changes on this user pool only, and names the pool to the code, in one call. */
  bindMemberDirectory(userPool: IUserPool): void {
    userPool.grant(this, ...memberDirectoryActions);
    this.addEnvironment('COGNITO_USER_POOL_ID', userPool.userPoolId);
  }
}
