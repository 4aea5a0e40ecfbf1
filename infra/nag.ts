import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Accepts cdk-nag findings on a construct (and its children), each with its
 * reason, written next to the construct it concerns.
 */
export function acknowledge(construct: IConstruct, findings: Record<string, string>): void {
  for (const [rule, reason] of Object.entries(findings)) {
    const pack = rule.startsWith('HIPAA') ? 'HIPAA.Security' : 'AwsSolutions';
    Validations.of(construct).acknowledge({ id: `${pack}::${rule}`, reason });
  }
}
