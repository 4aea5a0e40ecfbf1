/** The CDK app: `npm run synth` (offline) and `npm run deploy`. */
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { DecideTogetherStack } from './stack';

export function createCdkApp(
  options: { assetsPath?: string; serverCodePath?: string; context?: Record<string, unknown> } = {},
) {
  const app = new App({ context: options.context ?? {} });
  const stack = new DecideTogetherStack(app, 'DecideTogether', {
    // Explicit env keeps synth offline: nothing is looked up in an account.
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012',
      region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2',
    },
    assetsPath: options.assetsPath ?? path.resolve('build/client'),
    serverCodePath: options.serverCodePath ?? path.resolve('build/lambda'),
    signInDomainPrefix: String(app.node.tryGetContext('signInDomainPrefix') ?? 'decide-together'),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createCdkApp().app.synth();
}
