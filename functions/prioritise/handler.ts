/**
 * Nightly schedule, ImportCompleted, FindingsVersionStored (serious concerns: triage) and
 * `npm run prioritise` -> re-plan the programme as of the day (the event's time, or `asOf` when
 * a person or a test gives one) and store it (unchanged inputs change nothing).
 */
import { alarmedMetrics, events, limits } from '../../infra/catalogue';
import { findingsRecordSeriousConcerns, programmePorts } from '../../shared/aws/programme-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { dateOf } from '../../shared/domain/calendar';
import { replan, type ReplanResult } from '../../shared/prioritise/replan';

interface PrioritiseEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
  /** EventBridge's time of the event (schedules: the run time). */
  readonly time?: string;
  readonly detail?: { readonly visitId?: unknown; readonly version?: unknown };
  /** A direct invocation's as-of date (YYYY-MM-DD). */
  readonly asOf?: string;
}

export type PrioritiseResult = ReplanResult | { readonly skipped: string };

export const handler = instrumented('prioritise', async (event: PrioritiseEvent): Promise<PrioritiseResult> => {
  const trigger = event['detail-type'] ?? event.source ?? 'direct';
  logger.appendKeys({ trigger });
  if (trigger === events.detailTypes.findingsVersionStored) {
    const { visitId, version } = event.detail ?? {};
    if (typeof visitId !== 'string' || typeof version !== 'number') return { skipped: 'a findings event without a visit id and version' };
    if (!(await findingsRecordSeriousConcerns(visitId, version)))
      return { skipped: `findings ${visitId} v${version} record no serious concerns: nothing to triage` };
  }
  const asOf = event.asOf ?? dateOf(event.time ?? new Date());
  const { result } = await replan(programmePorts, { asOf, pageSize: limits.programmePageSize });
  metrics.addMetric('VisitsPlanned', MetricUnit.Count, result.planned);
  for (const [name, value] of [
    ['VisitsMoved', result.moved],
    ['VisitsAdded', result.added],
    ['VisitsDropped', result.dropped],
    ['TriageOpen', result.triage],
    [alarmedMetrics.triageNoSlot.metricName, result.noSlot],
  ] as const) {
    metrics.addMetric(name, MetricUnit.Count, value);
  }
  if (result.noSlot > 0) logger.warn('triage with no visit in time', { noSlot: result.noSlot, programmeId: result.programmeId });
  if (result.conflicts.length) logger.info('visits that changed during the re-plan (the next run takes them up)', { conflicts: result.conflicts });
  logger.info('programme computed', { ...result, conflicts: result.conflicts.length });
  return result;
});
