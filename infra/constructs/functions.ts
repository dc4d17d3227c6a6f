/**
 * Every function in the catalogue, each through VisitsFunction, with exactly the access
 * infra/access.ts gives it: named actions on named resources, each resource wildcard acknowledged
 * with its reason beside the grant. Triggers are wired by the constructs that own their sources
 * (DataStore: uploads; PipelineEvents: events and schedules; Web: HTTP routes; Notifications: the
 * queue and SES notices).
 */
import { Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { access, tableActions, type Access } from '../access';
import { functionIds, functions, isAsynchronous, type BucketId, type FunctionId } from '../catalogue';
import { VisitsFunction } from '../visits-function';
import { pascal } from './names';

/** The resources a function can be granted. */
export interface GrantableResources {
  readonly table: dynamodb.ITable;
  readonly buckets: Record<BucketId, s3.IBucket>;
  readonly bus: events.IEventBus;
  readonly notifyQueue: sqs.IQueue;
  readonly linkSecret: secretsmanager.ISecret;
  /** The SES identity and configuration set ARNs. */
  readonly sendingArns: readonly string[];
}

export interface FunctionsProps {
  /** The catalogue's variables (infra/catalogue.ts functionEnvironment), the same for every function. */
  readonly environment: Record<string, string>;
  /** Where asynchronous invocations are parked after their retries. */
  readonly failedEvents: sqs.IQueue;
  readonly resources: GrantableResources;
}

export class Functions extends Construct {
  readonly byId: Readonly<Record<FunctionId, VisitsFunction>>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const made: Partial<Record<FunctionId, VisitsFunction>> = {};
    for (const fid of functionIds) {
      const f = this.create(fid, props);
      grant(f, access[fid], props.resources);
      made[fid] = f;
    }
    this.byId = made as Record<FunctionId, VisitsFunction>;
  }

  fn(id: FunctionId): lambda.Function {
    return this.byId[id].fn;
  }

  private create(id: FunctionId, props: FunctionsProps): VisitsFunction {
    const a = access[id];
    const asynchronous = isAsynchronous(id);
    const f = new VisitsFunction(this, pascal(id), {
      id,
      environment: props.environment,
      timeout: a.timeout,
      memorySize: a.memorySize,
      web: a.web,
      browserScripts: a.browserScripts,
      fonts: a.fonts,
      failureQueue: asynchronous ? props.failedEvents : undefined,
    });
    if (!asynchronous) {
      Validations.of(f.fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: functions[id].trigger.http
          ? 'Invoked synchronously by the HTTP API: the caller sees the error; there is no event to park.'
          : 'Consumes an SQS queue whose redrive policy moves failed messages to the notify dead-letter queue.',
      });
    }
    return f;
  }
}

/** Exact actions on exact resources for one function's access entry. */
function grant(f: VisitsFunction, a: Access, r: GrantableResources): void {
  const actions = [...new Set((a.table ?? []).flatMap((t) => tableActions[t]))].sort();
  if (actions.length && a.leadingKeys) {
    // Reads and writes each limited to their own partitions (dynamodb:LeadingKeys); no index.
    const reads = actions.filter((x) => tableActions.read.includes(x));
    const writes = actions.filter((x) => tableActions.write.includes(x));
    f.allow(reads, [r.table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...a.leadingKeys.read] } });
    if (a.leadingKeys.write.length) f.allow(writes, [r.table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...a.leadingKeys.write] } });
  } else if (actions.length) {
    f.allow(actions, [r.table.tableArn, `${r.table.tableArn}/index/*`]);
    f.acknowledgeWildcard(r.table, '/index/*', "Queries use the table's own global secondary indexes (gsi1..gsi4); the wildcard covers only those indexes.");
  }
  for (const g of a.s3 ?? []) {
    f.allow(g.actions, [r.buckets[g.bucket].arnForObjects(`${g.prefix}*`)]);
    f.acknowledgeWildcard(r.buckets[g.bucket], `/${g.prefix}*`, `Object keys under ${g.prefix} are not known in advance; access is limited to that prefix.`);
  }
  if (a.events) f.allow(['events:PutEvents'], [r.bus.eventBusArn]);
  if (a.sendNotify) f.allow(['sqs:SendMessage'], [r.notifyQueue.queueArn]);
  if (a.secret) f.allow(['secretsmanager:GetSecretValue'], [r.linkSecret.secretArn]);
  if (a.ses) f.allow(['ses:SendEmail', 'ses:SendRawEmail'], [...r.sendingArns]);
}
