/**
 * Nightly schedule, ImportCompleted events and `npm run prioritise` -> score every provider and
 * LA, build the capacity-limited programme, store it (unchanged inputs change nothing).
 */
import { loadPrioritiseInputs, policyInForce, storeProgramme, type StoreResult } from '../../shared/aws/programme-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { buildProgramme } from '../../shared/prioritise/programme';

export const handler = instrumented('prioritise', async (event: { source?: string; 'detail-type'?: string }): Promise<StoreResult & { seed: number; policyVersion: string }> => {
  logger.appendKeys({ trigger: event['detail-type'] ?? event.source ?? 'direct' });
  const [policy, loaded] = await Promise.all([policyInForce(), loadPrioritiseInputs()]);
  const programme = buildProgramme(loaded.inputs, policy);
  const stored = await storeProgramme(programme, policy, loaded.existingVisits);
  metrics.addMetric('VisitsPlanned', MetricUnit.Count, stored.planned);
  logger.info('programme computed', { ...stored, policyVersion: programme.policyVersion });
  return { ...stored, seed: programme.seed, policyVersion: programme.policyVersion };
});
