import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Certificate,
  CertificateValidation,
  type ICertificate,
} from 'aws-cdk-lib/aws-certificatemanager';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { Stage } from './stage';

/** The managed rule groups the web ACL runs, in order. */
export const managedRuleGroups = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * What CloudFront needs from us-east-1 (ADR 19): the web ACL and the custom
 * domain's certificate. CloudFront accepts both only from that region, so this
 * construct lives in the edge stack there (infra/app.ts), or in the main stack
 * when that is itself in us-east-1.
 */
export class Edge extends Construct {
  readonly webAclArn: string | undefined;
  readonly certificate: ICertificate | undefined;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const { stage } = props;
    if (stage.domainName) {
      this.certificate = stage.certificateArn
        ? Certificate.fromCertificateArn(this, 'Certificate', stage.certificateArn)
        : // Validated by a DNS record the deploy waits for (docs/operations.md, "A custom domain").
          new Certificate(this, 'Certificate', {
            domainName: stage.domainName,
            validation: CertificateValidation.fromDns(),
          });
    }
    if (!stage.edges.waf) return;

    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: name,
    });
    const webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('DecideTogether'),
      rules: [
        // One address sending more than this in five minutes is blocked for a while.
        {
          name: 'RateLimitPerAddress',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: stage.wafRateLimitPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: metric('RateLimitPerAddress'),
        },
        ...managedRuleGroups.map((name, i) => ({
          name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name,
              // An aid is a JSON body larger than the common rule set's 8 KB; the API
              // limits bodies itself (bodyLimit), so this one rule only counts.
              ...(name === 'AWSManagedRulesCommonRuleSet'
                ? {
                    ruleActionOverrides: [
                      { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
                    ],
                  }
                : {}),
            },
          },
          visibilityConfig: metric(name),
        })),
      ],
    });
    this.webAclArn = webAcl.attrArn;

    // Blocked and counted requests only, without their path, query, cookies or
    // authorisation: patient links carry their token in the path.
    const logKey = new Key(this, 'LogKey', {
      description: 'Decide Together: web ACL logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const { region } = Stack.of(this);
    logKey.grantEncryptDecrypt(new ServicePrincipal(`logs.${region}.amazonaws.com`));
    const logGroupName = `aws-waf-logs-decide-together-${stage.name}`;
    const logs = new LogGroup(this, 'WebAclLogs', {
      logGroupName,
      retention: stage.logRetention,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logging = new CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: webAcl.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [
        { uriPath: {} },
        { queryString: {} },
        { singleHeader: { Name: 'cookie' } },
        { singleHeader: { Name: 'authorization' } },
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [
              { ActionCondition: { Action: 'BLOCK' } },
              { ActionCondition: { Action: 'COUNT' } },
            ],
          },
        ],
      },
    });
    logging.node.addDependency(logs);
  }
}
