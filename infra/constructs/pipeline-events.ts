/**
 * How work moves between functions without a caller waiting: the pipeline's event bus (import
 * completed, findings version stored, report published), the schedules, and the failed-events
 * queue where every asynchronous invocation that failed its retries is parked (npm run redrive).
 * Rules are made from the catalogue: each event and schedule goes to its consumers.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { consumersOf, eventBridgeCron, events as eventCatalogue, schedules, type FunctionId, type ScheduleId } from '../catalogue';
import { pascal } from './names';

export class PipelineEvents extends Construct {
  readonly bus: events.EventBus;
  /** Parked asynchronous invocations (S3, EventBridge, SNS) after Lambda's two retries. */
  readonly failedEvents: sqs.Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new events.EventBus(this, eventCatalogue.bus.logicalId, {});
    this.failedEvents = new sqs.Queue(this, 'FailedEventsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedEvents).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue; npm run redrive replays it.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'A dead-letter queue has no dead-letter queue of its own.' },
    );
  }

  /** A rule per pipeline event and consumer, and a rule per schedule with all its consumers as targets. */
  routeEvents(fn: (id: FunctionId) => lambda.IFunction): void {
    const target = (id: FunctionId) =>
      new targets.LambdaFunction(fn(id), { deadLetterQueue: this.failedEvents, retryAttempts: 4, maxEventAge: Duration.hours(6) });
    for (const detailType of Object.values(eventCatalogue.detailTypes)) {
      for (const id of consumersOf({ event: detailType })) {
        new events.Rule(this, `${pascal(id)}On${detailType}`, {
          eventBus: this.bus,
          eventPattern: { source: [eventCatalogue.source], detailType: [detailType] },
          targets: [target(id)],
        });
      }
    }
    for (const schedule of Object.keys(schedules) as ScheduleId[]) {
      const consumers = consumersOf({ schedule });
      if (consumers.length === 0) continue;
      const s = schedules[schedule];
      new events.Rule(this, `${pascal(schedule)}Schedule`, {
        description: s.description,
        schedule: events.Schedule.cron(eventBridgeCron(s)),
        targets: consumers.map(target),
      });
    }
  }
}
