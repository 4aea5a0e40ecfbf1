import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDefinition } from '#functions/store/table';
import type { Stage } from './stage';

/**
 * Health data: the one table (functions/store/table.ts), encrypted with our
 * own key, recoverable to any second of 35 days (PITR) and from a daily
 * backup kept 35 days in a vault under the same key, and never deleted by a
 * deploy or a stack deletion.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly table: TableV2;
  readonly backupPlan: BackupPlan;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const { region } = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: 'Decide Together: table, backups, logs, alarms and the origin secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the function's and the API's logs with it.
    this.key.grantEncryptDecrypt(new ServicePrincipal(`logs.${region}.amazonaws.com`));

    const { partitionKey, sortKey, indexes, timeToLiveAttribute } = tableDefinition;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: Object.entries(indexes).map(([indexName, index]) => ({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.nonKeyAttributes],
      })),
      // Epoch seconds, on sessions, link tokens and rate-limit counters only (ADR 20).
      timeToLiveAttribute,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 35,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const vault = new BackupVault(this, 'Vault', {
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', { backupVault: vault });
    this.backupPlan.addRule(
      new BackupPlanRule({
        ruleName: 'Daily',
        // Once a day, at 03:00 UTC; each backup kept 35 days.
        scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: props.stage.backupRetention,
      }),
    );
    this.backupPlan.addSelection('Table', {
      resources: [BackupResource.fromArn(this.table.tableArn)],
    });
  }
}
