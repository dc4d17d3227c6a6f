/**
 * Nightly schedule, ImportCompleted, PublicationChanged (findings submitted with serious concerns: triage) and
 * `npm run prioritise` -> re-plan the programme as of the day (the event's time, or `asOf` when
 * a person or a test gives one) and store it (unchanged inputs change nothing).
 */
import { alarmedMetrics, events, limits } from '../../infra/catalogue';
import { findingsRecordSeriousConcerns } from '../../shared/aws/findings-store';
import { getPublication } from '../../shared/aws/publication-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { dateOf } from '../../shared/domain/calendar';
import type { ReplanResult } from '../../shared/prioritise/replan';

/**
 * The planner and its stores (the scoring, the pages through nunjucks, S3) load on first use: every
 * publication change reaches this function, and most are not triage and re-plan nothing.
 */
const planner = async () => {
  const [{ programmePorts }, { replan }] = await Promise.all([import('../../shared/aws/programme-store'), import('../../shared/prioritise/replan')]);
  return { programmePorts, replan };
};

interface PrioritiseEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
  /** EventBridge's time of the event (schedules: the run time). */
  readonly time?: string;
  readonly detail?: { readonly visitId?: unknown; readonly action?: unknown };
  /** A direct invocation's as-of date (YYYY-MM-DD). */
  readonly asOf?: string;
}

export type PrioritiseResult = ReplanResult | { readonly skipped: string };

export const handler = instrumented('prioritise', async (event: PrioritiseEvent): Promise<PrioritiseResult> => {
  const trigger = event['detail-type'] ?? event.source ?? 'direct';
  logger.appendKeys({ trigger });
  if (trigger === events.detailTypes.publicationChanged) {
    const skipped = await notTriage(event.detail);
    if (skipped) return { skipped };
  }
  const asOf = event.asOf ?? dateOf(event.time ?? new Date());
  const { programmePorts, replan } = await planner();
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

/** Why a publication change needs no re-plan; undefined when it is findings submitted with serious concerns. */
async function notTriage(detail: PrioritiseEvent['detail']): Promise<string | undefined> {
  const { visitId, action } = detail ?? {};
  if (typeof visitId !== 'string') return 'a publication event without a visit id';
  if (action !== 'submit') return `publication ${visitId}: ${String(action)} is not a submission`;
  const version = (await getPublication(visitId))?.version;
  if (version === undefined || version < 1) return `publication ${visitId} holds no findings version`;
  if (!(await findingsRecordSeriousConcerns(visitId, version))) return `findings ${visitId} v${version} record no serious concerns: nothing to triage`;
  return undefined;
}
