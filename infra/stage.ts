/**
 * Stages by context: `-c stage=dev` or `-c stage=prod` (the default). Every
 * difference between them is here, and written down in docs/operations.md.
 *
 * The edges (WAF, Cognito MFA and threat protection) are on in every stage.
 * Each can be switched off only in dev, by naming it in `-c devSwitchOff=`
 * (comma-separated: waf, mfa, threatProtection); asked for in prod, synth stops.
 */
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

export type StageName = 'dev' | 'prod';
export const switchableEdges = ['waf', 'mfa', 'threatProtection'] as const;
export type SwitchableEdge = (typeof switchableEdges)[number];

export interface Stage {
  name: StageName;
  /** Whether each edge is on. */
  edges: Record<SwitchableEdge, boolean>;
  /** The server function's and API access logs' retention. */
  logRetention: RetentionDays;
  /** The HTTP API stage throttle (requests per second, and burst). */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Requests one address may make in five minutes before the web ACL blocks it. */
  wafRateLimitPer5Minutes: number;
  /** Daily backups kept this long (AWS Backup), beside 35 days of point-in-time recovery. */
  backupRetention: Duration;
  /** An optional custom domain (`-c domainName=decide.clinic.example`), and an existing us-east-1 certificate for it. */
  domainName: string | undefined;
  certificateArn: string | undefined;
  /** Globally unique prefix of the Cognito hosted sign-in domain. */
  signInDomainPrefix: string;
  /** Email address subscribed to the alarm topic at deploy, if given (`-c alarmEmail=`). */
  alarmEmail: string | undefined;
  /** Bumped to rotate the CloudFront-to-API origin secret (`-c originSecretGeneration=2`; runbook). */
  originSecretGeneration: number;
}

const text = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

export function readStage(node: Node): Stage {
  const name = text(node, 'stage') ?? 'prod';
  if (name !== 'dev' && name !== 'prod') {
    throw new Error(`-c stage=${name}: the stages are dev and prod.`);
  }
  const off = (text(node, 'devSwitchOff') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of off) {
    if (!(switchableEdges as readonly string[]).includes(item)) {
      throw new Error(
        `-c devSwitchOff=${item}: only ${switchableEdges.join(', ')} can be switched off.`,
      );
    }
  }
  if (off.length > 0 && name !== 'dev') {
    throw new Error(
      `-c devSwitchOff=${off.join(',')} is refused in the ${name} stage: edges can be switched off only with -c stage=dev.`,
    );
  }
  const edges = Object.fromEntries(
    switchableEdges.map((edge) => [edge, !off.includes(edge)]),
  ) as Record<SwitchableEdge, boolean>;
  const generation = Number(text(node, 'originSecretGeneration') ?? '1');
  if (!Number.isInteger(generation) || generation < 1) {
    throw new Error('-c originSecretGeneration must be a whole number from 1.');
  }
  const common = {
    edges,
    domainName: text(node, 'domainName'),
    certificateArn: text(node, 'certificateArn'),
    signInDomainPrefix:
      text(node, 'signInDomainPrefix') ??
      (name === 'prod' ? 'decide-together' : 'decide-together-dev'),
    alarmEmail: text(node, 'alarmEmail'),
    originSecretGeneration: generation,
    backupRetention: Duration.days(35),
  };
  return name === 'prod'
    ? {
        name,
        ...common,
        logRetention: RetentionDays.ONE_YEAR,
        apiThrottle: { rateLimit: 200, burstLimit: 400 },
        wafRateLimitPer5Minutes: 3000,
      }
    : {
        name,
        ...common,
        logRetention: RetentionDays.ONE_MONTH,
        apiThrottle: { rateLimit: 20, burstLimit: 40 },
        wafRateLimitPer5Minutes: 1000,
      };
}
