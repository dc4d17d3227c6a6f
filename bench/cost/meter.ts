/**
 * The meter: counts every billable call the season makes, per phase of the season and per actor.
 * - an SDK plugin on every shared client asks DynamoDB for its consumed capacity on each request
 *   and hands each call to billableUsage();
 * - the local invoker's `around` hook times each invocation and runs it as its function, so every
 *   call and log line inside it is the function's (AsyncLocalStorage follows the awaits);
 * - stdout/stderr written inside an invocation are the function's log bytes (swallowed, not shown),
 *   and the Embedded Metric Format lines among them name the custom metrics CloudWatch would keep.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareStack } from '@smithy/types';
import { billableUsage } from './billable-calls';
import { USAGE_NAMES as N, addTo, type UsageByActor } from './usage';

/** Commands that take ReturnConsumedCapacity. */
const CAPACITY_COMMANDS = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

/** An SDK plugin for any client (added to the shared clients with addClientHook). */
export interface ClientPlugin {
  applyToStack<I extends object, O extends object>(stack: MiddlewareStack<I, O>): void;
}

interface CallContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

/** Bytes of an HTTP API response body (API Gateway meters requests and data out by these). */
export function httpResponseBytes(result: unknown): number {
  if (result === null || typeof result !== 'object') return 0;
  const { body, isBase64Encoded } = result as { body?: unknown; isBase64Encoded?: unknown };
  if (typeof body !== 'string') return 0;
  return isBase64Encoded === true ? Buffer.from(body, 'base64').byteLength : Buffer.byteLength(body);
}

/**
 * Names of the CloudWatch metrics in one Embedded Metric Format line (namespace, metric name and
 * dimension values), or none when the line is not EMF. `service` is the function's deployed name.
 */
export function emfMetricKeys(line: string, service: string): string[] {
  if (!line.includes('"_aws"')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [];
  }
  const doc = parsed as { _aws?: { CloudWatchMetrics?: { Namespace?: string; Dimensions?: string[][]; Metrics?: { Name?: string }[] }[] } } & Record<
    string,
    unknown
  >;
  const keys: string[] = [];
  for (const directive of doc._aws?.CloudWatchMetrics ?? []) {
    for (const dims of directive.Dimensions?.length ? directive.Dimensions : [[]]) {
      const dimensions = dims
        .map((d) => `${d}=${d === 'service' ? service : typeof doc[d] === 'string' || typeof doc[d] === 'number' ? String(doc[d]) : ''}`)
        .join(',');
      for (const m of directive.Metrics ?? []) keys.push(`${directive.Namespace ?? ''}/${m.Name ?? ''}{${dimensions}}`);
    }
  }
  return keys;
}

export class Meter {
  private readonly context = new AsyncLocalStorage<{ actor: string }>();
  private readonly phases = new Map<string, UsageByActor>();
  /** Distinct custom metrics seen in the functions' EMF output. */
  readonly customMetrics = new Set<string>();
  /** The phase of the season that calls are counted under now. */
  phase = 'setup';

  /** `functions` are the actors whose output is log bytes; `serviceOf` names a function as deployed. */
  constructor(
    private readonly functions: ReadonlySet<string>,
    private readonly serviceOf: (actor: string) => string,
  ) {}

  /** Run `work` as `actor`: every call it makes, however deep, is counted for that actor. */
  as<T>(actor: string, work: () => Promise<T>): Promise<T> {
    return this.context.run({ actor }, work);
  }

  get actor(): string | undefined {
    return this.context.getStore()?.actor;
  }

  /** Count `amount` of `name` for an actor (the current one by default); outside any actor nothing is counted. */
  add(name: string, amount: number, actor = this.actor): void {
    if (actor === undefined) return;
    const byActor = this.phases.get(this.phase) ?? {};
    this.phases.set(this.phase, byActor);
    byActor[actor] ??= {};
    addTo(byActor[actor], name, amount);
  }

  usage(phase: string): UsageByActor {
    return structuredClone(this.phases.get(phase) ?? {});
  }

  /** The SDK plugin: ReturnConsumedCapacity on every DynamoDB request that takes it, then the call counted. */
  plugin(): ClientPlugin {
    const count = (call: Parameters<typeof billableUsage>[0]) => this.count(call);
    return {
      applyToStack(stack) {
        stack.add(
          (next, ctx: CallContext) => async (args) => {
            const clientName = ctx.clientName ?? 'unknown';
            const commandName = ctx.commandName ?? 'unknown';
            const input = args.input as Record<string, unknown>;
            if (clientName === 'DynamoDBClient' && CAPACITY_COMMANDS.has(commandName)) input.ReturnConsumedCapacity = 'TOTAL';
            try {
              const result = await next(args);
              count({ clientName, commandName, input, output: result.output });
              return result;
            } catch (err) {
              count({ clientName, commandName, input, errorName: (err as { name?: string }).name ?? 'Error' });
              throw err;
            }
          },
          { step: 'initialize', name: 'costMeter', override: true },
        );
      },
    };
  }

  private count(call: Parameters<typeof billableUsage>[0]): void {
    if (this.actor === undefined) return;
    for (const [name, amount] of Object.entries(billableUsage(call))) this.add(name, amount);
  }

  /** One invocation of a function: its billed milliseconds and, for HTTP API routes, the request and bytes out. */
  invocation(actor: string, ms: number, http: { result: unknown } | undefined): void {
    this.add(N.lambdaInvocations, 1, actor);
    this.add(N.lambdaMs, Math.max(1, Math.ceil(ms)), actor);
    if (http) {
      this.add(N.httpRequests, 1, actor);
      this.add(N.httpBytesOut, httpResponseBytes(http.result), actor);
    }
  }

  /** Count what functions write to stdout and stderr as their log bytes (and hide it); returns the undo. */
  captureLogs(): () => void {
    const undo = [process.stdout, process.stderr].map((stream) => {
      const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
      const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
        const actor = this.actor;
        if (actor === undefined || !this.functions.has(actor)) return original(chunk, ...rest);
        this.logged(actor, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        const callback = rest.find((r): r is () => void => typeof r === 'function');
        if (callback) queueMicrotask(callback);
        return true;
      };
      const saved: unknown = Reflect.get(stream, 'write');
      Reflect.set(stream, 'write', capture);
      return () => {
        Reflect.set(stream, 'write', saved);
      };
    });
    return () => undo.forEach((u) => u());
  }

  private logged(actor: string, text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      this.add(N.logLines, 1, actor);
      this.add(N.logBytes, Buffer.byteLength(line), actor);
      for (const key of emfMetricKeys(line, this.serviceOf(actor))) this.customMetrics.add(key);
    }
  }
}
