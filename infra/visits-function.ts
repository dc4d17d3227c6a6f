/**
 * Every Lambda goes through this one construct: Node 24 on arm64, an ESM bundle (infra/bundling.ts:
 * minified, with the AWS SDK it uses inside) with source maps, X-Ray active tracing, its own log
 * group with retention, its own role, and the GOV.UK templates, browser scripts and fonts copied
 * beside the bundle for the functions that render pages, reports or PDFs.
 */
import { AssetHashType, CfnElement, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BROWSER_ENTRIES, ESBUILD_BIN, browserBundleArgs } from '../scripts/build-browser';
import { PDF_FONT_FILES } from '../shared/reports/fonts';
import { bundleSettings } from './bundling';
import { functions, type FunctionId } from './catalogue';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface VisitsFunctionProps {
  readonly id: FunctionId;
  readonly environment: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Copy GOV.UK templates and assets (pages, reports). */
  readonly web?: boolean;
  /** Build the browser scripts into web/browser. */
  readonly browserScripts?: boolean;
  /** Copy the PDF fonts. */
  readonly fonts?: boolean;
  readonly reservedConcurrency?: number;
  /** Failure destination for asynchronous invocations (S3, EventBridge, SNS), after 2 retries. */
  readonly failureQueue?: sqs.IQueue;
}

/** Shell commands that put the GOV.UK templates and assets (and the browser scripts) beside the bundle. */
function webAssetCommands(output: string, browserScripts: boolean): string[] {
  return [
    `mkdir -p ${output}/web/govuk-frontend`,
    `cp -r ${join(repoRoot, 'shared/web/templates')} ${output}/web/templates`,
    `cp -r ${join(repoRoot, 'node_modules/govuk-frontend/dist/govuk')} ${output}/web/govuk-frontend/govuk`,
    `find ${output}/web -name '*.scss' -delete -o -name '*.map' -delete -o -name '*.d.ts' -delete`,
    // Built here, from source: the browser bundle is never committed, so never stale.
    ...(browserScripts
      ? (Object.keys(BROWSER_ENTRIES) as (keyof typeof BROWSER_ENTRIES)[]).map((name) =>
          [ESBUILD_BIN, ...browserBundleArgs(repoRoot, name, `${output}/web/browser`)].join(' '),
        )
      : []),
  ];
}

function fontCommands(output: string): string[] {
  return [`mkdir -p ${output}/fonts`, ...PDF_FONT_FILES.map((f) => `cp ${join(repoRoot, 'node_modules/dejavu-fonts-ttf/ttf', f)} ${output}/fonts/${f}`)];
}

/** What goes beside the bundle. */
export type BundleContents = Pick<VisitsFunctionProps, 'id' | 'web' | 'browserScripts' | 'fonts'>;

/**
 * Builds a function's code into `outputDir` as Lambda gets it: the bundle (infra/bundle-function.ts:
 * esbuild with the settings and plugin of infra/bundling.ts), then the templates, assets and fonts
 * beside it. The stack's assets are built with this, and so is the integration test that runs a
 * bundle against the emulators.
 */
export function bundleInto(contents: BundleContents, outputDir: string): void {
  const steps: [string, string[]][] = [
    [process.execPath, ['--import', 'tsx', join(repoRoot, 'infra', 'bundle-function.ts'), contents.id, outputDir]],
    ...[...(contents.web ? webAssetCommands(outputDir, contents.browserScripts ?? false) : []), ...(contents.fonts ? fontCommands(outputDir) : [])].map(
      (command): [string, string[]] => ['bash', ['-c', command]],
    ),
  ];
  for (const [file, args] of steps) {
    const run = spawnSync(file, args, { cwd: repoRoot, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`Bundling ${contents.id} failed at \`${[file, ...args].join(' ')}\`:\n${run.stderr || run.error?.message || ''}`);
  }
}

/** The function's code, built on this machine; the asset's hash is the output's, so an unchanged bundle is not uploaded again. */
function code(contents: BundleContents): lambda.Code {
  return lambda.Code.fromAsset(join(repoRoot, 'functions', functions[contents.id].dir), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: bundling is local (esbuild is a dependency), and a failure stops the synth.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
      local: {
        tryBundle: (outputDir) => {
          bundleInto(contents, outputDir);
          return true;
        },
      },
    },
  });
}

export class VisitsFunction extends Construct {
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, props: VisitsFunctionProps) {
    super(scope, id);
    const spec = functions[props.id];
    const entry = bundleSettings(props.id).entry;
    if (!existsSync(entry)) throw new Error(`No handler for ${props.id}: expected ${entry}`);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    if (props.failureQueue) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Failed asynchronous invocations go to an on-failure destination (the failed-events queue), which records the request and the error; a DLQ as well would park each failure twice.',
      });
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords only accept Resource "*" (added by tracing: ACTIVE).',
    });

    // Our own role: it may write to its own log group and nothing else until `allow` adds more.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));

    this.fn = new lambda.Function(this, 'Function', {
      role,
      onFailure: props.failureQueue ? new SqsDestination(props.failureQueue) : undefined,
      retryAttempts: props.failureQueue ? 2 : undefined,
      maxEventAge: props.failureQueue ? Duration.hours(6) : undefined,
      code: code(props),
      handler: 'index.handler',
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
        NODE_OPTIONS: ['--enable-source-maps', spec.nodeOptions].filter(Boolean).join(' '),
        POWERTOOLS_SERVICE_NAME: spec.dir,
        POWERTOOLS_METRICS_NAMESPACE: 'Visits',
        // The Powertools tracer (and the X-Ray SDK) is bundled and loaded only where the catalogue turns it on.
        POWERTOOLS_TRACE_ENABLED: spec.tracing ? 'true' : 'false',
      },
    });
  }

  /** Least privilege: exact actions on exact resources, never a wildcard action. */
  allow(actions: readonly string[], resources: string[], conditions?: Record<string, Record<string, unknown>>): void {
    for (const a of actions) if (a.includes('*')) throw new Error(`Wildcard action ${a} refused: name the exact actions`);
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...actions], resources, ...(conditions ? { conditions } : {}) }));
  }

  /**
   * Acknowledge one resource wildcard (an object key prefix or the table's indexes) on this
   * function's policy, with the reason. `owner` is the bucket or table, `suffix` what follows its ARN.
   */
  acknowledgeWildcard(owner: IConstruct, suffix: string, reason: string): void {
    const logicalId = Stack.of(this).getLogicalId(owner.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>${suffix}]`, reason });
  }
}
