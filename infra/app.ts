/** The CDK app: `npm run synth` (offline) and `npm run deploy`. */
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { acknowledgeFindings } from './acknowledgements';
import { EdgeAlarmsStack, EdgeStack } from './edge-stacks';
import { DecideTogetherStack } from './stack';
import { readStage } from './stage';

/**
 * The stacks of one stage (`-c stage=dev|prod`, prod by default):
 * - `DecideTogether` (or `DecideTogether-dev`) in the account's region: everything;
 * - when that region is not us-east-1, `…Edge` there first (the web ACL and the
 *   certificate CloudFront takes only from us-east-1) and `…EdgeAlarms` there after
 *   (CloudFront's 5xx alarm, beside its metrics). `npm run deploy` deploys all three in order.
 */
export function createCdkApp(
  options: {
    assetsPath?: string;
    serverCodePath?: string;
    context?: Record<string, unknown>;
    /** The main stack's account and region; CDK_DEFAULT_* or a placeholder account in eu-west-2 otherwise. */
    env?: { account: string; region: string };
  } = {},
) {
  const app = new App({ context: options.context ?? {} });
  const stage = readStage(app.node);
  // Explicit env keeps synth offline: nothing is looked up in an account.
  const account = options.env?.account ?? process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012';
  const region = options.env?.region ?? process.env.CDK_DEFAULT_REGION ?? 'eu-west-2';
  const suffix = stage.name === 'prod' ? '' : `-${stage.name}`;
  const separateEdge = region !== 'us-east-1';
  // Nothing to put there when the web ACL is switched off (dev) and there is no domain.
  const edgeStack =
    separateEdge && (stage.edges.waf || stage.domainName)
      ? new EdgeStack(app, `DecideTogetherEdge${suffix}`, {
          env: { account, region: 'us-east-1' },
          crossRegionReferences: true,
          stage,
          description: 'Decide Together: web ACL and certificate for CloudFront (us-east-1)',
        })
      : undefined;
  const stack = new DecideTogetherStack(app, `DecideTogether${suffix}`, {
    env: { account, region },
    crossRegionReferences: separateEdge,
    stage,
    edge: edgeStack?.edge,
    assetsPath: options.assetsPath ?? path.resolve('build/client'),
    serverCodePath: options.serverCodePath ?? path.resolve('build/lambda'),
    description: `Decide Together (${stage.name})`,
  });
  const edgeAlarms = separateEdge
    ? new EdgeAlarmsStack(app, `DecideTogetherEdgeAlarms${suffix}`, {
        env: { account, region: 'us-east-1' },
        crossRegionReferences: true,
        stage,
        distributionId: stack.site.distribution.distributionId,
        description: "Decide Together: CloudFront's 5xx alarm (us-east-1)",
      })
    : undefined;
  if (edgeStack) stack.addStackDependency(edgeStack);
  if (edgeAlarms) edgeAlarms.addStackDependency(stack);
  acknowledgeFindings(stack, stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, stack, stage, edgeStack, edgeAlarms };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createCdkApp().app.synth();
}
