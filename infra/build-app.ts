/**
 * Builds the CDK app. cdk-nag's AwsSolutions and Serverless packs run on every synth and fail it
 * on any finding that is not acknowledged with a reason.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { VisitsStack } from './stack';

export function buildApp(app = new App()): { app: App; stack: VisitsStack } {
  const senderEmail = String(app.node.tryGetContext('senderEmail') ?? 'visits@example.gov.uk');
  const opsEmail = app.node.tryGetContext('opsEmail') as string | undefined;
  // -c reviewerMailboxes='{"default":"reviews@...","regions":{"North West":"nw.reviews@..."}}'
  const mailboxes: unknown = app.node.tryGetContext('reviewerMailboxes');
  const reviewerMailboxes = mailboxes === undefined ? undefined : typeof mailboxes === 'string' ? mailboxes : JSON.stringify(mailboxes);
  const stack = new VisitsStack(app, 'VisitsPipeline', {
    senderEmail,
    opsEmail,
    reviewerMailboxes,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2' },
    description: "Children's social care visits: priorities, programme, findings, reports and commissioner emails",
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
