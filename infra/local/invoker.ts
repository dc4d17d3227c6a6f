/**
 * Runs the real Lambda handlers in this process, with Lambda's delivery semantics:
 * - asynchronous invocations (S3, EventBridge, schedules) are retried twice with backoff, then
 *   parked as a failure record under .local/failed/ (the AWS failure destination / DLQ);
 * - `npm run redrive` replays parked events through the same handlers.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionId } from '../catalogue';
import { runningFunction } from './logs';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface ParkedEvent {
  readonly id: string;
  readonly functionId: FunctionId;
  readonly event: unknown;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

export interface InvokerOptions {
  readonly repoRoot: string;
  readonly failedDir: string;
  /** Delays between attempts of an asynchronous invocation (Lambda: 2 retries, about 1 and 2 minutes). */
  readonly retryDelaysMs?: readonly number[];
  readonly log?: (line: string) => void;
}

export interface InvocationStats {
  invoked: number;
  succeeded: number;
  retried: number;
  parked: number;
}

export class LocalInvoker {
  private readonly handlers = new Map<FunctionId, Promise<Handler>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  readonly stats: InvocationStats = { invoked: 0, succeeded: 0, retried: 0, parked: 0 };
  /**
   * Runs each handler call (not the module load): benchmarks replace it to time invocations and
   * attribute what they do to the function. It must run `invocation` once and return its result.
   */
  around: <T>(id: FunctionId, invocation: () => Promise<T>) => Promise<T> = (_id, invocation) => invocation();

  constructor(private readonly options: InvokerOptions) {
    mkdirSync(options.failedDir, { recursive: true });
  }

  private load(id: FunctionId): Promise<Handler> {
    let h = this.handlers.get(id);
    if (!h) {
      const file = resolve(this.options.repoRoot, 'functions', functions[id].dir, 'handler.ts');
      h = import(pathToFileURL(file).href).then((m: { handler?: Handler }) => {
        if (typeof m.handler !== 'function') throw new Error(`${file} does not export a handler`);
        return m.handler;
      });
      this.handlers.set(id, h);
    }
    return h;
  }

  /** Synchronous invocation (HTTP API, CLI): errors go back to the caller. */
  async invoke(id: FunctionId, event: unknown): Promise<unknown> {
    this.stats.invoked++;
    const handler = await this.load(id);
    const result = await runningFunction.run(id, () => this.around(id, () => handler(event, fakeContext(id))));
    this.stats.succeeded++;
    return result;
  }

  /** Asynchronous invocation: returns at once; retries, then parks the event on failure. */
  invokeAsync(id: FunctionId, event: unknown): Promise<void> {
    const run = this.runWithRetries(id, event);
    this.track(run);
    return run;
  }

  /** Count other background work (queue deliveries) as in flight, so `idle()` waits for it. */
  track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
  }

  private async runWithRetries(id: FunctionId, event: unknown): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [1_000, 2_000];
    let lastError: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) {
        this.stats.retried++;
        await new Promise((r) => setTimeout(r, delays[attempt - 1]));
      }
      try {
        await this.invoke(id, event);
        return;
      } catch (err) {
        lastError = err;
        this.options.log?.(`[${id}] attempt ${attempt + 1} failed: ${describe(err)}`);
      }
    }
    this.park({ id: randomUUID(), functionId: id, event, error: describe(lastError), attempts: delays.length + 1, parkedAt: new Date().toISOString() });
  }

  park(parked: ParkedEvent): void {
    this.stats.parked++;
    writeFileSync(
      join(this.options.failedDir, `${parked.parkedAt.replace(/[:.]/g, '-')}-${parked.functionId}-${parked.id}.json`),
      JSON.stringify(parked, null, 2),
    );
    this.options.log?.(`[${parked.functionId}] parked after ${parked.attempts} attempts: ${parked.error}`);
  }

  /** Parked events waiting for a redrive. */
  parked(): { file: string; parked: ParkedEvent }[] {
    return readdirSync(this.options.failedDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: join(this.options.failedDir, f), parked: JSON.parse(readFileSync(join(this.options.failedDir, f), 'utf8')) as ParkedEvent }));
  }

  /** Replay every parked event once; a success moves its record to failed/redriven/. */
  async redrive(): Promise<{ replayed: number; succeeded: number; failed: number }> {
    const done = join(this.options.failedDir, 'redriven');
    mkdirSync(done, { recursive: true });
    let succeeded = 0;
    let failed = 0;
    const all = this.parked();
    for (const { file, parked } of all) {
      try {
        await this.invoke(parked.functionId, parked.event);
        renameSync(file, join(done, file.split('/').pop() ?? `${parked.id}.json`));
        succeeded++;
      } catch (err) {
        failed++;
        this.options.log?.(`[${parked.functionId}] redrive failed: ${describe(err)}`);
      }
    }
    return { replayed: all.length, succeeded, failed };
  }

  /** Wait until no asynchronous invocation is running (new ones started meanwhile included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get busy(): number {
    return this.inFlight.size;
  }
}

export function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function fakeContext(id: FunctionId): Context {
  const started = Date.now();
  const timeoutMs = 900_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${id}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${id}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/local-${id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
