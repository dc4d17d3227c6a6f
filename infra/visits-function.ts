/**
 * Every Lambda goes through this one construct: Node 24 on arm64, ESM bundle minified with
 * source maps, X-Ray tracing, its own log group with retention, and the GOV.UK templates and
 * fonts copied beside the bundle for the functions that render pages, reports or PDFs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDF_FONT_FILES } from '../shared/reports/fonts';
import { functions, type FunctionId } from './catalogue';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface VisitsFunctionProps {
  readonly id: FunctionId;
  readonly environment: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Copy GOV.UK templates and assets (pages, reports). */
  readonly web?: boolean;
  /** Copy the PDF fonts. */
  readonly fonts?: boolean;
  readonly reservedConcurrency?: number;
  /** Failure destination for asynchronous invocations (S3, EventBridge, SNS), after 2 retries. */
  readonly failureQueue?: sqs.IQueue;
}

export class VisitsFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: VisitsFunctionProps) {
    super(scope, id);
    const entry = join(repoRoot, 'functions', functions[props.id].dir, 'handler.ts');
    if (!existsSync(entry)) throw new Error(`No handler for ${props.id}: expected ${entry}`);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const hooks: ICommandHooks = {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_input: string, output: string) => [
        ...(props.web
          ? [
              `mkdir -p ${output}/web/govuk-frontend`,
              `cp -r ${join(repoRoot, 'shared/web/templates')} ${output}/web/templates`,
              `cp -r ${join(repoRoot, 'node_modules/govuk-frontend/dist/govuk')} ${output}/web/govuk-frontend/govuk`,
              `find ${output}/web -name '*.scss' -delete -o -name '*.map' -delete -o -name '*.d.ts' -delete`,
              ...(existsSync(join(repoRoot, 'shared/web/browser/dist')) ? [`cp -r ${join(repoRoot, 'shared/web/browser/dist')} ${output}/web/browser`] : []),
            ]
          : []),
        ...(props.fonts
          ? [`mkdir -p ${output}/fonts`, ...PDF_FONT_FILES.map((f) => `cp ${join(repoRoot, 'node_modules/dejavu-fonts-ttf/ttf', f)} ${output}/fonts/${f}`)]
          : []),
      ],
    };

    if (props.failureQueue) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: 'Failed asynchronous invocations go to an on-failure destination (the failed-events queue), which records the request and the error; a DLQ as well would park each failure twice.',
      });
    }

    // Our own role: it may write to its own log group and nothing else until `allow` adds more.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));

    this.fn = new NodejsFunction(this, 'Function', {
      role,
      onFailure: props.failureQueue ? new SqsDestination(props.failureQueue) : undefined,
      retryAttempts: props.failureQueue ? 2 : undefined,
      maxEventAge: props.failureQueue ? Duration.hours(6) : undefined,
      entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(60),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        ...props.environment,
        NODE_OPTIONS: ['--enable-source-maps', (functions[props.id] as { nodeOptions?: string }).nodeOptions].filter(Boolean).join(' '),
        POWERTOOLS_SERVICE_NAME: functions[props.id].dir,
        POWERTOOLS_METRICS_NAMESPACE: 'Visits',
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require() for Node built-ins.
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        externalModules: ['@aws-sdk/*'],
        commandHooks: hooks,
        forceDockerBundling: false,
      },
    });
  }

  /** Least privilege: exact actions on exact resources, never a wildcard action. */
  allow(actions: string[], resources: string[], conditions?: Record<string, Record<string, unknown>>): void {
    for (const a of actions) if (a.includes('*')) throw new Error(`Wildcard action ${a} refused: name the exact actions`);
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
  }

  /**
   * Acknowledge one resource wildcard (an object key prefix or the table's indexes) on this
   * function's policy, with the reason. `owner` is the bucket or table, `suffix` what follows its ARN.
   */
  acknowledgeWildcard(owner: Construct, suffix: string, reason: string): void {
    const logicalId = Stack.of(this).getLogicalId(owner.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>${suffix}]`, reason });
  }
}
