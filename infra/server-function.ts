import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  NodejsFunction,
  OutputFormat,
  type NodejsFunctionProps,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { serverBundle } from './server-bundle';

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

/**
 * A Node.js Lambda with the project's defaults in one place: Node.js 24 on
 * arm64, bundled locally by esbuild (no Docker) with the settings `npm run
 * build` uses, a log group with a retention, X-Ray tracing and source maps.
 */
export class ServerFunction extends NodejsFunction {
  constructor(
    scope: Construct,
    id: string,
    props: Partial<NodejsFunctionProps> & { logKey: IKey },
  ) {
    const { logKey, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      entry: serverBundle.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: serverBundle.target,
        minify: serverBundle.minify,
        sourceMap: serverBundle.sourceMap,
        banner: serverBundle.banner,
        define: serverBundle.define,
        mainFields: [...serverBundle.mainFields],
        esbuildArgs: Object.fromEntries(
          Object.entries(serverBundle.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        // The pinned SDK ships in the bundle, not the runtime's (ADR 0005).
        externalModules: [],
        forceDockerBundling: false,
      },
      ...rest,
    });
  }

  /** Grants the table and its key, and names the table to the code: one call, so they cannot drift. */
  bindTable(table: ITableV2, key: IKey): void {
    table.grant(this, ...tableActions);
    key.grantEncryptDecrypt(this);
    this.addEnvironment('TABLE_NAME', table.tableName);
  }
}
