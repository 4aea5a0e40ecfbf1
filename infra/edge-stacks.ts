import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Edge } from './edge';
import { alarmTopic, cloudFrontAlarm } from './monitoring';
import type { Stage } from './stage';

/** us-east-1, deployed before the main stack: the web ACL and the certificate CloudFront uses (ADR 19). */
export class EdgeStack extends Stack {
  readonly edge: Edge;
  constructor(scope: Construct, id: string, props: StackProps & { stage: Stage }) {
    super(scope, id, props);
    this.edge = new Edge(this, 'Edge', { stage: props.stage });
  }
}

/** us-east-1, deployed after the main stack: CloudFront's 5xx alarm, beside its metrics, to a topic there. */
export class EdgeAlarmsStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: Stage; distributionId: string },
  ) {
    super(scope, id, props);
    const topic = alarmTopic(this, 'Topic', props.stage.alarmEmail);
    cloudFrontAlarm(this, props.distributionId, topic);
  }
}
