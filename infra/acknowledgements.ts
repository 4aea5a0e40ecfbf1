/**
 * Every cdk-nag finding the stacks accept, each with its reason, in one place.
 * tests/infra/stack.test.ts lists them, so a new one is a visible change, and
 * synth fails on any finding not here. Reasons must stay true: when a reason
 * stops being true, fix the stack, not the reason.
 */
import { Validations, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Stage } from './stage';

export interface Acknowledgement {
  /** The construct's path inside the main stack; `*` at the end matches a prefix (CDK's generated ids). */
  path: string;
  /** The rule, with its finding's detail in brackets where the rule has several findings. */
  rule: string;
  reason: string;
}

const uploadFunction = 'Custom::CDKBucketDeployment*';
const uploadRole = 'Site/DeployAssetsRole';

export function acknowledgements(stage: Stage, account: string, region: string): Acknowledgement[] {
  const list: Acknowledgement[] = [
    // The server function.
    {
      path: 'Server/FunctionRole',
      rule: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'On the one data key only: reading and writing a table encrypted with a customer-managed key uses the key with the caller’s permissions.',
    },
    {
      path: 'Server/FunctionRole',
      rule: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason:
        'On the one data key only: reading and writing a table encrypted with a customer-managed key uses the key with the caller’s permissions.',
    },
    {
      path: 'Server/FunctionRole',
      rule: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permission.',
    },
    {
      path: 'Server/FunctionRole',
      rule: 'HIPAA.Security-IAMNoInlinePolicy',
      reason:
        'The role’s policy lives and dies with the function; every statement is pinned by the stack test (DynamoDB actions equal functions/store/permissions.ts).',
    },
    {
      path: 'Server/Function',
      rule: 'HIPAA.Security-LambdaConcurrency',
      reason:
        'Requests are limited by the web ACL per address and by the HTTP API stage throttle; reserved concurrency fails in new accounts whose limit is 10.',
    },
    {
      path: 'Server/Function',
      rule: 'HIPAA.Security-LambdaDLQ',
      reason: 'Invoked synchronously by API Gateway: a failed request is answered, not queued.',
    },
    {
      path: 'Server/Function',
      rule: 'HIPAA.Security-LambdaInsideVPC',
      reason:
        'Reaches only DynamoDB, Cognito and X-Ray, over TLS with IAM; a VPC would add NAT cost and cold-start time without narrowing access.',
    },
    {
      path: 'Server/Api',
      rule: 'AwsSolutions-APIG4',
      reason:
        'The app authenticates every request itself (session cookie or JWT verified against Cognito; patient links are capabilities no authorizer knows), and refuses any request without CloudFront’s origin secret.',
    },
    {
      path: 'Server',
      rule: 'AwsSolutions-SMG4',
      reason:
        'The origin secret is rotated by a deploy with -c originSecretGeneration=N+1, which replaces it in CloudFront and the function together (docs/operations.md); rotation by Secrets Manager would change it in neither.',
    },
    {
      path: 'Server',
      rule: 'HIPAA.Security-SecretsManagerRotationEnabled',
      reason:
        'The origin secret is rotated by a deploy with -c originSecretGeneration=N+1, which replaces it in CloudFront and the function together (docs/operations.md); rotation by Secrets Manager would change it in neither.',
    },
    // Backups.
    {
      path: 'Data/BackupPlan',
      rule: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWS Backup’s own service-role policy, which AWS keeps in step with what backups need; the role is assumed by AWS Backup for this plan, whose one selection is the table.',
    },
    // Assets and CloudFront.
    {
      path: 'Site/Assets',
      rule: 'AwsSolutions-S1',
      reason:
        'Holds only the public, hashed JavaScript and CSS of the site, no patient data; every read comes through CloudFront.',
    },
    {
      path: 'Site/Assets',
      rule: 'HIPAA.Security-S3BucketLoggingEnabled',
      reason:
        'Holds only the public, hashed JavaScript and CSS of the site, no patient data; every read comes through CloudFront.',
    },
    {
      path: 'Site/Assets',
      rule: 'HIPAA.Security-S3BucketReplicationEnabled',
      reason: 'Rebuilt from source by every deploy: nothing to recover.',
    },
    {
      path: 'Site/Assets',
      rule: 'HIPAA.Security-S3DefaultEncryptionKMS',
      reason:
        'Public static files: SSE-S3 lets CloudFront read them through origin access control without a key policy.',
    },
    {
      path: 'Site/Distribution',
      rule: 'AwsSolutions-CFR1',
      reason: 'Patients and clinicians may be anywhere; no country is excluded.',
    },
    {
      path: 'Site/Distribution',
      rule: 'AwsSolutions-CFR3',
      reason:
        'CloudFront access logs record full URLs and cannot redact them, and patient links carry their token in the path. The web ACL logs blocked requests with the path redacted; API Gateway logs status and timing.',
    },
    // CDK's asset upload function (BucketDeployment), run by CloudFormation during deploys.
    {
      path: uploadFunction,
      rule: 'AwsSolutions-L1',
      reason: 'CDK’s asset-upload function; its runtime is chosen by aws-cdk-lib.',
    },
    ...[
      ['AwsSolutions-IAM5[Action::s3:Abort*]', 'Multipart uploads into the assets bucket.'],
      ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'Replaces objects of the assets bucket.'],
      ['AwsSolutions-IAM5[Action::s3:GetBucket*]', 'Reads the two buckets’ settings.'],
      ['AwsSolutions-IAM5[Action::s3:GetObject*]', 'Reads the deploy’s files.'],
      ['AwsSolutions-IAM5[Action::s3:List*]', 'Lists the two buckets.'],
      ['AwsSolutions-IAM5[Resource::<Assets9A31D427.Arn>/*]', 'Objects of the assets bucket only.'],
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
        'The deploy’s files in the CDK bootstrap staging bucket.',
      ],
      [
        'HIPAA.Security-IAMNoInlinePolicy',
        'Generated by CDK’s BucketDeployment on our role: the two buckets and its own log group.',
      ],
      ['HIPAA.Security-LambdaConcurrency', 'Runs once per deploy.'],
      ['HIPAA.Security-LambdaDLQ', 'Invoked synchronously by CloudFormation.'],
      ['HIPAA.Security-LambdaInsideVPC', 'Touches only S3, during deploys.'],
    ].map(([rule, reason]) => ({
      path: rule!.startsWith('HIPAA.Security-Lambda') ? uploadFunction : uploadRole,
      rule: rule!,
      reason: reason!,
    })),
  ];
  if (!stage.domainName) {
    list.push({
      path: 'Site/Distribution',
      rule: 'AwsSolutions-CFR4',
      reason:
        'No custom domain given (-c domainName): CloudFront’s *.cloudfront.net certificate has a security policy CloudFront fixes. With a domain, viewers need TLSv1.2_2021 or later.',
    });
  }
  // Edges switched off, only possible with -c stage=dev (infra/stage.ts).
  if (!stage.edges.waf) {
    list.push({
      path: 'Site/Distribution',
      rule: 'AwsSolutions-CFR2',
      reason: 'Switched off for this dev stage by -c devSwitchOff=waf.',
    });
  }
  if (!stage.edges.threatProtection) {
    list.push({
      path: 'Identity/Clinicians',
      rule: 'AwsSolutions-COG8',
      reason: 'Switched off for this dev stage by -c devSwitchOff=threatProtection.',
    });
  }
  if (!stage.edges.mfa) {
    list.push({
      path: 'Identity/Clinicians',
      rule: 'AwsSolutions-COG2',
      reason: 'Switched off for this dev stage by -c devSwitchOff=mfa.',
    });
  }
  return list;
}

function find(stack: Stack, path: string): IConstruct {
  let node: IConstruct = stack;
  for (const part of path.split('/')) {
    const child = part.endsWith('*')
      ? node.node.children.find((c) => c.node.id.startsWith(part.slice(0, -1)))
      : node.node.tryFindChild(part);
    if (!child) throw new Error(`acknowledgements: no construct at ${stack.stackName}/${path}`);
    node = child;
  }
  return node;
}

export function acknowledgeFindings(stack: Stack, stage: Stage): Acknowledgement[] {
  const list = acknowledgements(stage, stack.account, stack.region);
  for (const { path, rule, reason } of list) {
    const pack = rule.startsWith('HIPAA') ? 'HIPAA.Security' : 'AwsSolutions';
    Validations.of(find(stack, path)).acknowledge({ id: `${pack}::${rule}`, reason });
  }
  return list;
}
