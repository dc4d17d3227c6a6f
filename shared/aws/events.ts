/** Publish a pipeline event on the EventBridge bus named in the environment. */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { events } from '../../infra/catalogue';
import { eventsClient } from './clients';
import { requireEnv } from './config';

export type DetailType = (typeof events.detailTypes)[keyof typeof events.detailTypes];

export async function publishEvent(detailType: DetailType, detail: Record<string, unknown>): Promise<void> {
  const out = await eventsClient().send(
    new PutEventsCommand({
      Entries: [{ EventBusName: requireEnv('eventBusName'), Source: events.source, DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  if (out.FailedEntryCount) {
    const entry = out.Entries?.find((e) => e.ErrorCode);
    throw new Error(`EventBridge refused ${detailType}: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
}
