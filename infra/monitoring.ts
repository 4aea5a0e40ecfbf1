import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { storeCommands, type StoreCommand } from '#functions/store/permissions';

const FIVE_MINUTES = Duration.minutes(5);

/** The operations the store sends, as DynamoDB names them in its metrics: one per command it may send. */
const operationOf: Record<StoreCommand, Operation> = {
  GetCommand: Operation.GET_ITEM,
  BatchGetCommand: Operation.BATCH_GET_ITEM,
  PutCommand: Operation.PUT_ITEM,
  UpdateCommand: Operation.UPDATE_ITEM,
  DeleteCommand: Operation.DELETE_ITEM,
  QueryCommand: Operation.QUERY,
  TransactWriteCommand: Operation.TRANSACT_WRITE_ITEMS,
};
const storeOperations = (Object.keys(storeCommands) as StoreCommand[]).map(
  (command) => operationOf[command],
);

/**
 * An alarm topic an operator subscribes to (email, chat, pager), encrypted
 * with a key of its own that CloudWatch of this account only may use: the
 * data key is not shared with a service principal.
 */
export function alarmTopic(scope: Construct, id: string, email?: string): Topic {
  const key = new Key(scope, `${id}Key`, {
    description: 'Decide Together: alarm topic',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  const topic = new Topic(scope, id, {
    displayName: 'Decide Together alarms',
    masterKey: key,
    enforceSSL: true,
  });
  if (email) topic.addSubscription(new EmailSubscription(email));
  return topic;
}

/** CloudFront's 5xx rate: its metrics are in us-east-1 only, so its alarm lives in a stack there. */
export function cloudFrontErrorRate(distributionId: string): Metric {
  return new Metric({
    namespace: 'AWS/CloudFront',
    metricName: '5xxErrorRate',
    dimensionsMap: { DistributionId: distributionId, Region: 'Global' },
    statistic: 'Average',
    period: FIVE_MINUTES,
    region: 'us-east-1',
  });
}

export function cloudFrontAlarm(scope: Construct, distributionId: string, topic: Topic): Alarm {
  const alarm = new Alarm(scope, 'CloudFront5xx', {
    alarmDescription:
      'CloudFront answered 5xx to more than 5% of requests for 10 minutes (docs/operations.md, "CloudFront5xx").',
    metric: cloudFrontErrorRate(distributionId),
    threshold: 5,
    evaluationPeriods: 2,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  alarm.addOkAction(new SnsAction(topic));
  return alarm;
}

/**
 * The alarms (each named in docs/operations.md with what to do) to one SNS
 * topic, and one dashboard with the same figures.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      stageName: string;
      alarmEmail: string | undefined;
      server: IFunction;
      api: HttpApi;
      table: ITableV2;
      distributionId: string;
      /** True when this stack is in us-east-1, where CloudFront's metrics are. */
      cloudFrontAlarmHere: boolean;
    },
  ) {
    super(scope, id);
    this.topic = alarmTopic(this, 'Topic', props.alarmEmail);
    const { server, api, table } = props;

    const functionErrors = server.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const functionThrottles = server.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    const functionP99 = server.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' });
    const apiRequests = api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const api5xx = api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    // A rate only once there are requests enough to make one: two 500s of three are not an outage.
    const api5xxRate = new MathExpression({
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests: apiRequests, errors: api5xx },
      period: FIVE_MINUTES,
      label: 'HTTP API 5xx (% of requests)',
    });
    const apiP99 = api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    const tableMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    const tableThrottles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: tableMetric('ReadThrottleEvents'),
        writes: tableMetric('WriteThrottleEvents'),
      },
      period: FIVE_MINUTES,
      label: 'DynamoDB throttled events',
    });
    const tableSystemErrors = table.metricSystemErrorsForOperations({
      operations: storeOperations,
      period: FIVE_MINUTES,
    });

    const add = (
      name: string,
      metric: IMetric,
      threshold: number,
      description: string,
      evaluationPeriods = 1,
    ) => {
      const alarm = new Alarm(this, name, {
        alarmDescription: `${description} (docs/operations.md, "${name}").`,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.topic));
      alarm.addOkAction(new SnsAction(this.topic));
      this.alarms.push(alarm);
      return alarm;
    };
    add(
      'FunctionErrors',
      functionErrors,
      5,
      'The server function failed 5 times or more in 5 minutes',
    );
    add('FunctionThrottles', functionThrottles, 1, 'Lambda refused to run the server function');
    add(
      'FunctionDurationP99',
      functionP99,
      5000,
      'The slowest 1% of invocations took 5 s or more for 15 minutes',
      3,
    );
    add(
      'Api5xxRate',
      api5xxRate,
      5,
      'The HTTP API answered 5xx to 5% of requests or more for 10 minutes',
      2,
    );
    add(
      'ApiLatencyP99',
      apiP99,
      3000,
      'The slowest 1% of API requests took 3 s or more for 15 minutes',
      3,
    );
    add('TableThrottles', tableThrottles, 1, 'DynamoDB throttled reads or writes of the table');
    add('TableSystemErrors', tableSystemErrors, 1, 'DynamoDB failed requests on its side');
    if (props.cloudFrontAlarmHere) {
      this.alarms.push(cloudFrontAlarm(this, props.distributionId, this.topic));
    }

    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `DecideTogether-${props.stageName}`,
      defaultInterval: Duration.hours(24),
    });
    const graph = (title: string, metrics: IMetric[]) =>
      new GraphWidget({ title, left: metrics, width: 8, height: 6 });
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          "# Decide Together\nEach alarm and what to do: docs/operations.md. Logs: Logs Insights on the server function's log group; traces: X-Ray.",
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      graph('Server function: errors and throttles', [functionErrors, functionThrottles]),
      graph('Server function: p99 duration (ms)', [functionP99]),
      graph('HTTP API: requests and 5xx', [apiRequests, api5xx]),
    );
    dashboard.addWidgets(
      graph('HTTP API: 5xx rate (%)', [api5xxRate]),
      graph('HTTP API: p99 latency (ms)', [apiP99]),
      graph('DynamoDB: throttles and system errors', [tableThrottles, tableSystemErrors]),
    );
    dashboard.addWidgets(
      graph('CloudFront: 5xx rate (%)', [cloudFrontErrorRate(props.distributionId)]),
    );
  }
}
