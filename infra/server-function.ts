import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
  type FunctionOptions,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { indexActions, queriedIndexes, tableActions } from '#functions/store/permissions';

/** The Cognito actions of organisation admins' member changes (ADR 17): invite and remove, nothing else. */
export const memberDirectoryActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
] as const;

/**
 * Memory, from the measured cold start (docs/operations.md, ADR 20): Lambda
 * gives a function CPU in proportion to its memory, one whole vCPU at 1,769 MB.
 * Import and first response take ~270 ms on one full core here; they are CPU
 * work, so ~470 ms at 1,024 MB and ~930 ms at 512 MB. 1,769 MB keeps a cold
 * page under half a second for less than a cent a day at a clinic's traffic.
 */
export const serverMemoryMb = 1769;

/**
 * A Node.js Lambda with the project's defaults in one place: Node.js 24 (the
 * newest runtime aws-cdk-lib offers) on arm64, the code folder `npm run build`
 * made (scripts/bundle-server.ts: the same files the Lambda test invokes), a
 * log group with a retention, X-Ray tracing and source maps.
 */
export class ServerFunction extends LambdaFunction {
  constructor(
    scope: Construct,
    id: string,
    props: FunctionOptions & { logKey: IKey; codePath: string; logRetention: RetentionDays },
  ) {
    const { logKey, codePath, logRetention, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logRetention,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role: without the managed basic execution role, which may write to any log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Decide Together: the server function',
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      role,
      code: Code.fromAsset(codePath),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: serverMemoryMb,
      timeout: Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // The entry loads the tracer and captures the DynamoDB client (functions/entries/lambda-tracing.ts).
        TRACING: 'active',
        POWERTOOLS_SERVICE_NAME: 'decide-together',
      },
      ...rest,
    });
  }

  /**
   * Grants exactly what the store sends (functions/store/permissions.ts) on the
   * table, Query on the indexes it queries by name, the table's key, and names
   * the table to the code: one call, so they cannot drift.
   */
  bindTable(table: ITableV2, key: IKey): void {
    this.addToRolePolicy(
      new PolicyStatement({ actions: [...tableActions], resources: [table.tableArn] }),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...indexActions],
        resources: queriedIndexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
    key.grantEncryptDecrypt(this);
    this.addEnvironment('TABLE_NAME', table.tableName);
  }

  /** Grants the member changes on this user pool only, and names the pool to the code, in one call. */
  bindMemberDirectory(userPool: IUserPool): void {
    userPool.grant(this, ...memberDirectoryActions);
    this.addEnvironment('COGNITO_USER_POOL_ID', userPool.userPoolId);
  }
}
