/**
 * Email to commissioners and inspectors: the notify queue (one message per email, so messages
 * survive an SES outage) with its dead-letter queue, the SES sender identity and configuration set,
 * and the topic SES reports bounces and complaints to (the ses-feedback function turns them into
 * suppressions). Queue messages and SES notices are routed to the catalogue's consumers here.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { consumersOf, queues, topics, type FunctionId } from '../catalogue';
import { uniqueId, ungroupedPath } from './logical-ids';

export interface NotificationsProps {
  /** Address reports and digests are sent from (an SES-verified identity). */
  readonly senderEmail: string;
  /** Where SES notices that fail their retries are parked. */
  readonly failedEvents: sqs.IQueue;
}

export class Notifications extends Construct {
  readonly notifyQueue: sqs.Queue;
  readonly notifyDeadLetterQueue: sqs.Queue;
  readonly configurationSet: ses.ConfigurationSet;
  /** The ARNs a sending function's ses:SendEmail names: the identity and the configuration set. */
  readonly sendingArns: string[];
  private readonly feedbackTopic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: NotificationsProps,
  ) {
    super(scope, id);
    this.notifyDeadLetterQueue = new sqs.Queue(this, 'NotifyDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.notifyDeadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This is the notify queue dead-letter queue.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'A dead-letter queue has no dead-letter queue of its own.' },
    );
    this.notifyQueue = new sqs.Queue(this, queues.notify.logicalId, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(queues.notify.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.notifyDeadLetterQueue, maxReceiveCount: queues.notify.maxReceiveCount },
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'SesConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    this.feedbackTopic = new sns.Topic(this, topics.sesFeedback.logicalId, { enforceSSL: true });
    Validations.of(this.feedbackTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'SES bounce/complaint notices carry no report content; SSE with a customer key would need a key policy for SES, tracked as a follow-up.',
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    const identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
    const { partition, region, account } = Stack.of(this);
    this.sendingArns = [
      `arn:${partition}:ses:${region}:${account}:identity/${identity.emailIdentityName}`,
      `arn:${partition}:ses:${region}:${account}:configuration-set/${this.configurationSet.configurationSetName}`,
    ];
  }

  /** The notify queue -> its consumers (batches of 5, partial failures reported); SES notices -> theirs. */
  routeMessages(fn: (id: FunctionId) => lambda.Function): void {
    const stack = Stack.of(this);
    for (const id of consumersOf({ queue: 'notify' })) {
      // The id SqsEventSource would give the mapping, from the queue's path without this construct,
      // so the deployed mapping is kept (two mappings of one queue and function cannot coexist).
      fn(id).addEventSourceMapping(`SqsEventSource:${uniqueId([stack.node.id, ...ungroupedPath(this.notifyQueue, stack)])}`, {
        eventSourceArn: this.notifyQueue.queueArn,
        batchSize: 5,
        reportBatchItemFailures: true,
      });
      this.notifyQueue.grantConsumeMessages(fn(id));
      Validations.of(fn(id)).acknowledge({
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason: 'SQS event sources do not take an on-failure destination; the queue redrive policy moves a message to the notify DLQ after 5 receives.',
      });
    }
    for (const id of consumersOf({ sns: 'sesFeedback' }))
      this.feedbackTopic.addSubscription(new subs.LambdaSubscription(fn(id), { deadLetterQueue: this.props.failedEvents }));
  }
}
