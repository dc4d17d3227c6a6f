/**
 * Alarms (to the ops email through an SNS topic) and the pipeline dashboard. Every alarm
 * description names the README runbook section that says what to do (test/infra checks that the
 * section exists).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmedMetrics, functionIds, functions, type FunctionId } from '../catalogue';
import { pascal } from './names';

/** README runbook sections the alarms point to (headings under "## Runbook"). */
export const RUNBOOK = { alarms: 'Alarms and what to do', parked: 'Parked events and redrive' } as const;
const see = (section: string, row?: string) => `see README runbook "${section}"${row ? ` (${row})` : ''}`;

/** The custom metrics the handlers emit (namespace Visits), shown on the dashboard. */
const PIPELINE_METRICS = [
  'ImportsCompleted',
  'RowsRejected',
  'VisitsPlanned',
  'VisitsMoved',
  'TriageNoSlot',
  'FindingsAccepted',
  'FindingsRejected',
  'EmailsSent',
  'EmailsSuppressed',
  'EmailsFailed',
];

export interface MonitoringProps {
  readonly fn: (id: FunctionId) => lambda.IFunction;
  readonly failedEvents: sqs.IQueue;
  readonly notifyDeadLetterQueue: sqs.IQueue;
  readonly dashboardName: string;
  /** Where alarms are sent. */
  readonly opsEmail?: string;
}

export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: cwActions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const topic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true });
    Validations.of(topic).acknowledge({ id: 'AwsSolutions-SNS2', reason: 'Alarm notifications carry no personal data.' });
    if (props.opsEmail) topic.addSubscription(new subs.EmailSubscription(props.opsEmail));
    this.action = new cwActions.SnsAction(topic);

    const queueDepth = (q: sqs.IQueue) => q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) });
    this.alarm('FailedEventsAlarm', queueDepth(props.failedEvents), 1, `Events parked after retries: ${see(RUNBOOK.parked)}.`);
    this.alarm(
      'NotifyDlqAlarm',
      queueDepth(props.notifyDeadLetterQueue),
      1,
      `Emails that could not be sent went to the notify dead-letter queue: ${see(RUNBOOK.alarms, 'NotifyDlqAlarm')}.`,
    );
    for (const fid of functionIds) {
      const f = props.fn(fid);
      this.alarm(
        `${pascal(fid)}ErrorsAlarm`,
        f.metricErrors({ period: Duration.minutes(5) }),
        1,
        `${fid} errors: ${see(RUNBOOK.alarms, '<Function>ErrorsAlarm')}.`,
      );
      this.alarm(
        `${pascal(fid)}ThrottlesAlarm`,
        f.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `${fid} throttled: ${see(RUNBOOK.alarms, '<Function>ThrottlesAlarm')}.`,
      );
    }
    for (const [key, m] of Object.entries(alarmedMetrics)) {
      const metric = new cloudwatch.Metric({
        namespace: 'Visits',
        metricName: m.metricName,
        statistic: 'Maximum',
        period: Duration.hours(1),
        dimensionsMap: { service: functions[m.function].dir },
      });
      this.alarm(`${pascal(key)}Alarm`, metric, m.threshold, m.description);
    }
    const bounceRate = new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm('SesBounceRateAlarm', bounceRate, 0.05, `SES bounce rate at or above 5%: ${see(RUNBOOK.alarms, 'SesBounceRateAlarm')}.`);
    this.dashboard(props);
  }

  private alarm(name: string, metric: cloudwatch.IMetric, threshold: number, description: string): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }

  private dashboard(props: MonitoringProps): void {
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Pipeline (custom metrics)',
        left: PIPELINE_METRICS.map(
          (m) => new cloudwatch.Metric({ namespace: 'Visits', metricName: m, statistic: 'Sum', period: Duration.hours(1), dimensionsMap: {} }),
        ),
        width: 24,
      }),
      new cloudwatch.GraphWidget({ title: 'Function errors', left: functionIds.map((id) => props.fn(id).metricErrors()), width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'Function duration p95',
        left: functionIds.map((id) => props.fn(id).metricDuration({ statistic: 'p95' })),
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
  }
}
