import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexActions, queriedIndexes, tableActions } from '#functions/store/permissions';
import { tableDefinition } from '#functions/store/table';
import { acknowledgements } from '#infra/acknowledgements';
import { createCdkApp } from '#infra/app';
import { managedRuleGroups } from '#infra/edge';
import { serverMemoryMb } from '#infra/server-function';
import { LAMBDA_NODE_MAJOR } from '#tests/bench/lambda-node';

const assetsPath = mkdtempSync(path.join(tmpdir(), 'assets-'));
mkdirSync(path.join(assetsPath, 'assets'));
writeFileSync(path.join(assetsPath, 'assets', 'app-abc123.css'), 'body{}');
// The server's code folder stands in for build/lambda; the bundle has its own test.
const serverCodePath = mkdtempSync(path.join(tmpdir(), 'server-'));
writeFileSync(path.join(serverCodePath, 'index.mjs'), 'export const handler = () => {};');

// A fixed account and region, whatever the shell's CDK_DEFAULT_* say: the snapshot and the list of findings name them.
const build = (
  context: Record<string, unknown> = {},
  env = { account: '123456789012', region: 'eu-west-2' },
) =>
  createCdkApp({
    assetsPath,
    serverCodePath,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    env,
  });

type Built = ReturnType<typeof build>;
let prod: Built;
let template: Template;
let edge: Template;
let edgeAlarms: Template;

beforeAll(() => {
  prod = build();
  template = Template.fromStack(prod.stack);
  edge = Template.fromStack(prod.edgeStack!);
  edgeAlarms = Template.fromStack(prod.edgeAlarms!);
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOf = (t: Template, policyName: RegExp): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((policy) => policyName.test(String(policy.Properties.PolicyName)))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
const actionsOf = (s: Statement) => [s.Action].flat();

describe('cdk-nag', () => {
  it('passes AwsSolutions and HIPAA Security in prod with every finding acknowledged', () => {
    expect(() => prod.app.synth()).not.toThrow();
  });

  it('passes in dev with every edge switched off, each switch acknowledged as a dev setting', () => {
    const dev = build({ stage: 'dev', devSwitchOff: 'waf,mfa,threatProtection' });
    expect(() => dev.app.synth()).not.toThrow();
    const t = Template.fromStack(dev.stack);
    t.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL' });
    // No web ACL and no domain: nothing for a us-east-1 edge stack to hold.
    expect(dev.edgeStack).toBeUndefined();
    Template.fromStack(dev.stack).resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(dev.stack.stackName).toBe('DecideTogether-dev');
  });

  it('refuses to switch an edge off outside the dev stage', () => {
    expect(() => build({ devSwitchOff: 'waf' })).toThrow(/only with -c stage=dev/);
    expect(() => build({ stage: 'prod', devSwitchOff: 'mfa' })).toThrow(/only with -c stage=dev/);
    expect(() => build({ stage: 'dev', devSwitchOff: 'backups' })).toThrow(/only waf, mfa/);
  });

  it('accepts exactly these findings, each with a reason, in infra/acknowledgements.ts', () => {
    const list = acknowledgements(prod.stage, prod.stack.account, prod.stack.region);
    for (const { reason } of list) expect(reason.length).toBeGreaterThan(20);
    expect(list.map(({ path, rule }) => `${path} ${rule}`)).toEqual([
      'Server/FunctionRole AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'Server/FunctionRole AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'Server/FunctionRole AwsSolutions-IAM5[Resource::*]',
      'Server/FunctionRole HIPAA.Security-IAMNoInlinePolicy',
      'Server/Function HIPAA.Security-LambdaConcurrency',
      'Server/Function HIPAA.Security-LambdaDLQ',
      'Server/Function HIPAA.Security-LambdaInsideVPC',
      'Server/Api AwsSolutions-APIG4',
      'Server AwsSolutions-SMG4',
      'Server HIPAA.Security-SecretsManagerRotationEnabled',
      'Data/BackupPlan AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'Site/Assets AwsSolutions-S1',
      'Site/Assets HIPAA.Security-S3BucketLoggingEnabled',
      'Site/Assets HIPAA.Security-S3BucketReplicationEnabled',
      'Site/Assets HIPAA.Security-S3DefaultEncryptionKMS',
      'Site/Distribution AwsSolutions-CFR1',
      'Site/Distribution AwsSolutions-CFR3',
      'Custom::CDKBucketDeployment* AwsSolutions-L1',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Action::s3:Abort*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Action::s3:GetObject*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Action::s3:List*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Resource::<Assets9A31D427.Arn>/*]',
      'Site/DeployAssetsRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-123456789012-eu-west-2/*]',
      'Site/DeployAssetsRole HIPAA.Security-IAMNoInlinePolicy',
      'Custom::CDKBucketDeployment* HIPAA.Security-LambdaConcurrency',
      'Custom::CDKBucketDeployment* HIPAA.Security-LambdaDLQ',
      'Custom::CDKBucketDeployment* HIPAA.Security-LambdaInsideVPC',
      // Only without a custom domain: see the TLS test below.
      'Site/Distribution AwsSolutions-CFR4',
    ]);
    // None of the untrue reasons of before: WAF, TLS and threat protection are on, and no managed basic execution role.
    const rules = list.map(({ rule }) => rule);
    expect(rules).not.toContain('AwsSolutions-CFR2');
    expect(rules).not.toContain('AwsSolutions-COG8');
    expect(rules.some((rule) => rule.includes('AWSLambdaBasicExecutionRole'))).toBe(false);
    expect(rules.some((rule) => rule.includes('/index/*'))).toBe(false);
  });
});

describe('data', () => {
  it('builds the table from the one table definition, encrypted with our key, with 35 days of PITR, protected and retained, with TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      // The record lists: only their own attributes copied, so answers saved write nothing to them.
      GlobalSecondaryIndexes: Object.entries(tableDefinition.indexes).map(([name, index]) =>
        Match.objectLike({
          IndexName: name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.nonKeyAttributes] },
        }),
      ),
      TimeToLiveSpecification: {
        AttributeName: tableDefinition.timeToLiveAttribute,
        Enabled: true,
      },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
            RecoveryPeriodInDays: 35,
          },
          DeletionProtectionEnabled: true,
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': ['DataKey17AFBB84', 'Arn'] } },
        }),
      ],
    });
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // The logical id of before: a deploy updates the table, never replaces it.
    expect(Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))).toEqual([
      'TableCD117FA1',
    ]);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('backs the table up daily to a vault under our key, each backup kept 35 days', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 3 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': ['DataKey17AFBB84', 'Arn'] },
    });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }],
      }),
    });
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
  });

  it('sets a retention on every log group, encrypted with a key', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBe(3);
    for (const group of groups) {
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(group.Properties.KmsKeyId).toBeDefined();
    }
    for (const group of Object.values(edge.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(group.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    }
    const dev = Template.fromStack(build({ stage: 'dev' }).stack);
    for (const group of Object.values(dev.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });
});

describe('least privilege', () => {
  const serverStatements = () => statementsOf(template, /^ServerFunctionRole/);

  it('grants the server exactly the DynamoDB actions functions/store sends, on the table, and Query on the indexes it queries by name', () => {
    const dynamo = serverStatements().filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: [...tableActions],
        Resource: { 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: indexActions.length === 1 ? indexActions[0] : [...indexActions],
        Resource: queriedIndexes.map((index) => ({
          'Fn::Join': ['', [{ 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }, `/index/${index}`]],
        })),
      },
    ]);
    expect(tableActions).not.toContain('dynamodb:Scan');
  });

  it("writes logs to the server's own log group only, without the managed basic execution role", () => {
    const logs = serverStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logs).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ServerFunctionLogs/), 'Arn'] },
      },
    ]);
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Description: 'Decide Together: the server function' },
    });
    expect(Object.values(roles)[0]!.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it("grants the server exactly the Cognito actions of admins' member changes, on the clinicians' pool only", () => {
    const cognito = serverStatements().filter((s) =>
      actionsOf(s).some((a) => a.startsWith('cognito-idp:')),
    );
    expect(cognito).toEqual([
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'],
        Resource: { 'Fn::GetAtt': ['Clinicians620D432B', 'Arn'] },
      },
    ]);
  });

  it('lists every action the server role may take: nothing else slips in', () => {
    expect(serverStatements().flatMap(actionsOf).sort()).toEqual(
      [
        ...tableActions,
        ...indexActions,
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey*',
        'kms:ReEncrypt*',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
  });

  it('gives the asset upload no CloudFront permission and no log group but its own', () => {
    const upload = statementsOf(template, /^SiteDeployAssetsRole/);
    expect(upload.flatMap(actionsOf).some((a) => a.startsWith('cloudfront:'))).toBe(false);
    const logs = upload.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logs.map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^SiteDeployAssetsLogs/), 'Arn'] },
    ]);
  });
});

describe('the server', () => {
  it('runs on Node.js 24 (the Node the benchmarks measure), arm64, with the measured memory, tracing, and the table bound by name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: `nodejs${LAMBDA_NODE_MAJOR}.x`,
      Architectures: ['arm64'],
      MemorySize: serverMemoryMb,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: 'TableCD117FA1' },
          TRACING: 'active',
          OIDC_ISSUER: Match.anyValue(),
          OIDC_CLIENT_ID: Match.anyValue(),
          PUBLIC_ORIGIN: Match.anyValue(),
          COGNITO_USER_POOL_ID: { Ref: 'Clinicians620D432B' },
        }),
      },
    });
  });

  it('shares a secret with CloudFront, resolved at deploy, that the function requires of every request', () => {
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    const resolved = {
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
    };
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORIGIN_VERIFY_SECRET: resolved }) },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: resolved }],
          }),
        ]),
      }),
    });
    // A new generation is a new secret, so one deploy changes both sides.
    const rotated = Template.fromStack(build({ originSecretGeneration: 2 }).stack);
    expect(Object.keys(rotated.findResources('AWS::SecretsManager::Secret'))).not.toEqual([
      secretId,
    ]);
  });

  it('logs API access without paths, which can carry patient link tokens, and throttles the stage', () => {
    const stages = template.findResources('AWS::ApiGatewayV2::Stage');
    const stage = Object.values(stages)[0]!;
    const format = String(stage.Properties.AccessLogSettings.Format);
    expect(format).toContain('$context.status');
    expect(format).not.toMatch(/\$context\.(path|routeKey)/);
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 200,
      ThrottlingBurstLimit: 400,
    });
  });
});

describe('edges', () => {
  it('serves assets from a private bucket through origin access control, and the rest from the API, over HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          // CachingDisabled: pages and API answers are never stored at the edge.
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/assets/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            // CachingOptimized: hashed files, cached at the edge.
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          }),
        ],
        Origins: Match.arrayWith([
          Match.objectLike({
            CustomOriginConfig: {
              OriginProtocolPolicy: 'https-only',
              OriginSSLProtocols: ['TLSv1.2'],
            },
          }),
        ]),
      }),
    });
  });

  it('uploads the hashed assets as immutable for a year, keeps old ones, and sends HTML with no-store', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        CustomHeadersConfig: {
          Items: [{ Header: 'cache-control', Value: 'no-store', Override: false }],
        },
      }),
    });
  });

  it('adds HSTS, nosniff, frame denial and a same-origin referrer policy to every answer', () => {
    const policies = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    );
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toEqual({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63072000,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'same-origin', Override: true },
      });
    }
  });

  it('attaches a us-east-1 web ACL with IP reputation, common and known bad inputs rules and a rate limit', () => {
    expect(prod.edgeStack!.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RateLimitPerAddress',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: { Limit: 3000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' },
          },
        }),
        ...managedRuleGroups.map((name) =>
          Match.objectLike({
            Name: name,
            Statement: {
              ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: name }),
            },
          }),
        ),
      ],
    });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([{ UriPath: {} }, { QueryString: {} }]),
    });
    // The main stack reads the ARN the edge stack exported (CDK's cross-region references).
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(distribution.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetAtt': [
        expect.stringMatching(/^ExportsReader/),
        expect.stringMatching(/^\/cdk\/exports\/DecideTogether\/DecideTogetherEdge.*WebAcl.*Arn/),
      ],
    });
  });

  it('keeps the web ACL in the one stack, attached by reference, when the region is us-east-1', () => {
    const east = build({}, { account: '123456789012', region: 'us-east-1' });
    expect(east.edgeStack).toBeUndefined();
    const t = Template.fromStack(east.stack);
    const [aclId] = Object.keys(t.findResources('AWS::WAFv2::WebACL'));
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [aclId, 'Arn'] } }),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrorRate' });
  });

  it('serves a custom domain with its certificate and TLS 1.2 or later', () => {
    const withDomain = build({ domainName: 'decide.clinic.example' });
    Template.fromStack(withDomain.edgeStack!).hasResourceProperties(
      'AWS::CertificateManager::Certificate',
      { DomainName: 'decide.clinic.example', ValidationMethod: 'DNS' },
    );
    const t = Template.fromStack(withDomain.stack);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['decide.clinic.example'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ PUBLIC_ORIGIN: 'https://decide.clinic.example' }),
      },
    });
    expect(() => withDomain.app.synth()).not.toThrow();
  });

  it('requires MFA for clinicians, with threat protection on the Plus plan, and the code flow without a secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
    });
  });
});

describe('monitoring', () => {
  it('alarms on the function, the API, the table, to one encrypted topic', () => {
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
    const names = alarms.map(([id]) => id.replace(/^Monitoring/, '').replace(/[0-9A-F]{8}$/, ''));
    expect(names).toEqual([
      'FunctionErrors',
      'FunctionThrottles',
      'FunctionDurationP99',
      'Api5xxRate',
      'ApiLatencyP99',
      'TableThrottles',
      'TableSystemErrors',
    ]);
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.AlarmDescription).toMatch(/docs\/operations\.md/);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: 5000,
    });
  });

  it("alarms on CloudFront's 5xx rate in us-east-1, where its metrics are", () => {
    expect(prod.edgeAlarms!.region).toBe('us-east-1');
    edgeAlarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/CloudFront',
      MetricName: '5xxErrorRate',
      Dimensions: Match.arrayWith([{ Name: 'Region', Value: 'Global' }]),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
    });
  });

  it('has one dashboard with the same figures', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties
        .DashboardBody,
    );
    for (const metric of [
      'Errors',
      'Throttles',
      'Duration',
      '5xx',
      'Latency',
      'ReadThrottleEvents',
      'SystemErrors',
      '5xxErrorRate',
    ]) {
      expect(body).toContain(metric);
    }
  });
});

describe('the template', () => {
  it('matches the snapshot, asset hashes aside', () => {
    const json = JSON.stringify(template.toJSON(), null, 1)
      .replace(/[0-9a-f]{64}(\.zip)?/g, '[asset hash]')
      .replace(/cdk-hnb659fds-assets-[\w-]+/g, '[staging bucket]');
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
