import { CfnOutput, Stack, type CfnResource, type StackProps } from 'aws-cdk-lib';
import type { IConstruct, Construct } from 'constructs';
import { Data } from './data';
import { Edge } from './edge';
import { Identity } from './identity';
import { Monitoring } from './monitoring';
import { Server } from './server';
import { Site } from './site';
import type { Stage } from './stage';

export interface DecideTogetherStackProps extends StackProps {
  stage: Stage;
  /** The Remix client build (build/client), uploaded to the assets bucket. */
  assetsPath: string;
  /** The server Lambda's code folder (build/lambda), made by `npm run build`. */
  serverCodePath: string;
  /** The web ACL and certificate from the us-east-1 edge stack; absent when this stack is in us-east-1 and makes its own. */
  edge?: Edge | undefined;
}

/** Keeps the logical id a stateful resource had before the constructs, so a deploy updates it instead of replacing it. */
function keepLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}

/**
 * Decide Together in one page: data, identity, the server, the site in front
 * of it, and the alarms watching them. Each is a construct of its own in infra/.
 */
export class DecideTogetherStack extends Stack {
  readonly data: Data;
  readonly identity: Identity;
  readonly server: Server;
  readonly site: Site;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: DecideTogetherStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const edge = props.edge ?? new Edge(this, 'Edge', { stage });

    this.data = new Data(this, 'Data', { stage });
    this.identity = new Identity(this, 'Identity', { stage });
    this.server = new Server(this, 'Server', {
      stage,
      key: this.data.key,
      table: this.data.table,
      identity: this.identity,
      codePath: props.serverCodePath,
    });
    this.site = new Site(this, 'Site', {
      stage,
      api: this.server.api,
      originSecret: this.server.originSecret,
      assetsPath: props.assetsPath,
      logKey: this.data.key,
      webAclArn: edge.webAclArn,
      certificate: edge.certificate,
    });

    const { publicOrigin } = this.site;
    const client = this.identity.addWebClient(publicOrigin);
    const fn = this.server.function;
    fn.addEnvironment('PUBLIC_ORIGIN', publicOrigin);
    fn.addEnvironment('OIDC_ISSUER', this.identity.userPool.userPoolProviderUrl);
    fn.addEnvironment('OIDC_CLIENT_ID', client.userPoolClientId);
    fn.addEnvironment(
      'OIDC_LOGOUT_URL',
      `${this.identity.signInDomain.baseUrl()}/logout?client_id=${client.userPoolClientId}&logout_uri=${publicOrigin}/signin`,
    );

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stageName: stage.name,
      alarmEmail: stage.alarmEmail,
      server: fn,
      api: this.server.api,
      table: this.data.table,
      distributionId: this.site.distribution.distributionId,
      cloudFrontAlarmHere: this.region === 'us-east-1',
    });

    // Stateful resources keep the logical ids of the one-constructor stack.
    keepLogicalId(this.data.key, 'DataKey17AFBB84');
    keepLogicalId(this.data.table, 'TableCD117FA1');
    keepLogicalId(this.identity.userPool, 'Clinicians620D432B');
    keepLogicalId(this.identity.signInDomain, 'CliniciansSignInA47E7AD7');
    keepLogicalId(this.site.bucket, 'Assets9A31D427');
    // The same distribution: its *.cloudfront.net address is the site's when there is no custom domain.
    keepLogicalId(this.site.distribution, 'SiteE53D7754');

    new CfnOutput(this, 'Url', { value: publicOrigin });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
      description: 'Point the custom domain here (CNAME or alias)',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'ServerLogGroup', { value: fn.logGroup.logGroupName });
  }
}
