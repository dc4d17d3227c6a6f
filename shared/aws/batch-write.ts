/**
 * Write many items with BatchWriteItem: 25 per request, several requests in flight, and
 * UnprocessedItems retried with exponential backoff and jitter (DynamoDB returns them under
 * throttling instead of failing the call).
 */
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;
type WriteRequest = NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string][number];

export interface BatchWriterOptions {
  readonly tableName: string;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /** Attempts for UnprocessedItems before giving up. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const BATCH_SIZE = 25;

export class BatchWriter {
  private pending: WriteRequest[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  written = 0;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: BatchWriterOptions,
  ) {}

  /** Queue an item; resolves when there is room for more (back-pressure for the reader). */
  async put(item: Item): Promise<void> {
    await this.queue({ PutRequest: { Item: item } });
  }

  /** Queue the deletion of the item with this key. */
  async delete(key: Item): Promise<void> {
    await this.queue({ DeleteRequest: { Key: key } });
  }

  private async queue(request: WriteRequest): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(request);
    if (this.pending.length >= BATCH_SIZE) await this.sendPending();
  }

  /** Send what is queued and wait for every request to finish. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.sendPending();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async sendPending(): Promise<void> {
    const batch = this.pending.splice(0, BATCH_SIZE);
    while (this.inFlight.size >= (this.options.concurrency ?? 8)) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const p = this.writeBatch(batch)
      .then(() => {
        this.written += batch.length;
      })
      .catch((err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async writeBatch(batch: WriteRequest[]): Promise<void> {
    const { tableName } = this.options;
    let requests = batch;
    const maxAttempts = this.options.maxAttempts ?? 10;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 1; requests.length > 0; attempt++) {
      const out = await this.client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName] ?? [];
      if (requests.length === 0) return;
      if (attempt >= maxAttempts) throw new Error(`DynamoDB left ${requests.length} items unprocessed after ${attempt} attempts`);
      await sleep(Math.min(5_000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
}
