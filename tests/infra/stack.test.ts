import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '#functions/store/table';
import { createCdkApp } from '#infra/app';

let template: Template;
let synth: () => unknown;

beforeAll(() => {
  const assetsPath = mkdtempSync(path.join(tmpdir(), 'assets-'));
  writeFileSync(path.join(assetsPath, 'app.css'), 'body{}');
  // The server's code folder stands in for build/lambda; the bundle has its own test.
  const serverCodePath = mkdtempSync(path.join(tmpdir(), 'server-'));
  writeFileSync(path.join(serverCodePath, 'index.mjs'), 'export const handler = () => {};');
  const { app, stack } = createCdkApp({ assetsPath, serverCodePath });
  synth = () => app.synth();
  template = Template.fromStack(stack);
});

describe('the CDK stack', () => {
  it('passes cdk-nag AwsSolutions and HIPAA Security with every finding acknowledged with a reason', () => {
    expect(synth).not.toThrow();
  });

  it('builds the table from the one table definition, encrypted with our key, recoverable, protected, with TTL', () => {
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
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
    });
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('runs the server on Node.js 24, arm64, with the table bound by name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: Match.stringLikeRegexp('^Table') },
          OIDC_ISSUER: Match.anyValue(),
          OIDC_CLIENT_ID: Match.anyValue(),
          PUBLIC_ORIGIN: Match.anyValue(),
          COGNITO_USER_POOL_ID: { Ref: Match.stringLikeRegexp('^Clinicians') },
        }),
      },
    });
  });

  it('grants the server only the DynamoDB actions it uses: never Scan, never a wildcard', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^ServerServiceRole') },
    });
    const actions = Object.values(policies).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(
        (s) => s.Action,
      ),
    );
    const dynamoActions = actions.filter((a) => a.startsWith('dynamodb:')).sort();
    expect(dynamoActions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actions).not.toContain('dynamodb:*');
  });

  it("grants the server exactly the Cognito actions of admins' member changes, on the clinicians' pool only", () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^ServerServiceRole') },
    });
    const statements = Object.values(policies).flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
        }[],
    );
    const cognito = statements.filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('cognito-idp:')),
    );
    expect(cognito).toHaveLength(1);
    expect([cognito[0]!.Action].flat().sort()).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUser',
    ]);
    expect(cognito[0]!.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Clinicians/), 'Arn'],
    });
  });

  it('serves assets from a private bucket through CloudFront origin access control, and the rest from the API, over HTTPS', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: [
          Match.objectLike({ PathPattern: '/assets/*', ViewerProtocolPolicy: 'redirect-to-https' }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  });

  it('logs API access without paths, which can carry patient link tokens', () => {
    const stages = template.findResources('AWS::ApiGatewayV2::Stage');
    const format = String(Object.values(stages)[0]?.Properties.AccessLogSettings.Format);
    expect(format).toContain('$context.status');
    expect(format).not.toMatch(/\$context\.(path|routeKey)/);
  });

  it('requires MFA for clinicians and uses the authorization-code flow without a client secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
    });
  });
});
