/**
 * The whole pipeline in one stack, built from the resource catalogue (infra/catalogue.ts) and the
 * access table (infra/access.ts): a list of constructs, each holding its resources, grants and
 * cdk-nag acknowledgements (infra/constructs/).
 *
 * Adding a function: functions/<dir>/handler.ts, its entry in the catalogue (`functions`, with its
 * trigger) and its access (infra/access.ts). Nothing here changes: Functions makes it, the
 * construct that owns its trigger's source routes to it (consumersOf), Monitoring alarms on it.
 */
import { CfnOutput, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { functionEnvironment } from './catalogue';
import { DataStore } from './constructs/data-store';
import { Functions } from './constructs/functions';
import { uniqueId, ungroupedPath } from './constructs/logical-ids';
import { Monitoring } from './constructs/monitoring';
import { Notifications } from './constructs/notifications';
import { PipelineEvents } from './constructs/pipeline-events';
import { Web } from './constructs/web';

export interface VisitsStackProps extends StackProps {
  /** Address reports and digests are sent from (an SES-verified identity). */
  readonly senderEmail: string;
  /** Where alarms are sent. */
  readonly opsEmail?: string;
  /** Reviewers for regions with none imported: JSON {"default": email, "regions": {region: email}} (CDK context reviewerMailboxes). */
  readonly reviewerMailboxes?: string;
}

export class VisitsStack extends Stack {
  readonly functions: Functions;

  constructor(scope: Construct, id: string, props: VisitsStackProps) {
    super(scope, id, props);
    const web = new Web(this, 'Web');
    const data = new DataStore(this, 'DataStore', { findingsUploadOrigin: web.origin });
    const pipeline = new PipelineEvents(this, 'PipelineEvents');
    const notifications = new Notifications(this, 'Notifications', { senderEmail: props.senderEmail, failedEvents: pipeline.failedEvents });

    const environment = functionEnvironment('aws', {
      tableName: data.table.tableName,
      importsBucket: data.buckets.imports.bucketName,
      findingsBucket: data.buckets.findings.bucketName,
      reportsBucket: data.buckets.reports.bucketName,
      eventBusName: pipeline.bus.eventBusName,
      notifyQueueUrl: notifications.notifyQueue.queueUrl,
      linkSecretArn: web.linkSecret.secretArn,
      senderEmail: props.senderEmail,
      webBaseUrl: web.url,
      sesConfigurationSet: notifications.configurationSet.configurationSetName,
      reviewerMailboxes: props.reviewerMailboxes ?? '',
    });
    this.functions = new Functions(this, 'Functions', {
      environment,
      failedEvents: pipeline.failedEvents,
      resources: {
        table: data.table,
        buckets: data.buckets,
        bus: pipeline.bus,
        notifyQueue: notifications.notifyQueue,
        linkSecret: web.linkSecret,
        sendingArns: notifications.sendingArns,
      },
    });
    const fn = this.functions.fn.bind(this.functions);
    data.routeUploads(fn);
    pipeline.routeEvents(fn);
    web.routeRequests(fn);
    notifications.routeMessages(fn);
    new Monitoring(this, 'Monitoring', {
      fn,
      failedEvents: pipeline.failedEvents,
      notifyDeadLetterQueue: notifications.notifyDeadLetterQueue,
      dashboardName: `${id}-pipeline`,
      opsEmail: props.opsEmail,
    });

    const outputs: Record<string, string> = {
      WebUrl: web.url,
      ImportsBucketName: data.buckets.imports.bucketName,
      FindingsBucketName: data.buckets.findings.bucketName,
      ReportsBucketName: data.buckets.reports.bucketName,
      TableName: data.table.tableName,
      FailedEventsQueueUrl: pipeline.failedEvents.queueUrl,
      NotifyDeadLetterQueueUrl: notifications.notifyDeadLetterQueue.queueUrl,
      LinkSecretArn: web.linkSecret.secretArn,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }

  /** Logical ids leave the grouping constructs out (infra/constructs/logical-ids.ts says why). */
  protected override allocateLogicalId(element: CfnElement): string {
    return uniqueId(ungroupedPath(element, this));
  }
}
