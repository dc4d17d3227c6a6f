/**
 * The publication ports, wired to DynamoDB, EventBridge and the policy in force: one place that
 * says where each use case's storage and messages go.
 */
import { events } from '../../infra/catalogue';
import { holidaySet, shippedBankHolidays } from '../domain/calendar';
import type { LifecycleSettings } from '../publication/lifecycle';
import type { PublicationPorts } from '../publication/ports';
import { publishEvent } from './events';
import { policyInForce } from './policy-store';
import { getPublication, savePublication } from './publication-store';

/** Now, England and Wales bank holidays, and the factual accuracy window and publication delay from the policy in force. */
export async function lifecycleSettings(now = new Date()): Promise<LifecycleSettings> {
  const policy = await policyInForce();
  return {
    now: now.toISOString(),
    holidays: holidaySet(shippedBankHolidays()),
    factualAccuracyWorkingDays: policy.publication.factualAccuracyWorkingDays,
    publishWorkingDaysAfterWindow: policy.publication.publishWorkingDaysAfterWindow,
  };
}

export function publicationPorts(clock: () => Date = () => new Date()): PublicationPorts {
  return {
    getPublication,
    savePublication,
    announce: (change) => publishEvent(events.detailTypes.publicationChanged, { ...change }),
    settings: () => lifecycleSettings(clock()),
  };
}
