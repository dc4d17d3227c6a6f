/**
 * Deterministic fault injection for the local cloud (the fault tests): an AWS SDK middleware on
 * every client of shared/aws/clients.ts that fails chosen calls, the Nth to the Mth call of one
 * operation (optionally only calls whose input mentions a key or an address), and counts what it
 * did, so a test knows the fault happened instead of hoping a timer hit the right moment.
 *
 * The middleware sits after the SDK's retry step, so it sees every attempt; the error it throws is
 * not one the SDK retries (no HTTP status, no retryable name), so each injected fault reaches the
 * handler and the pipeline's own retries (Lambda's, the queue's) take over. Installed only when
 * the local cloud is started with `faultInjection: true`; driven through the control routes
 * `faults/arm` (body: FaultRule[]), `faults` (counts) and `faults/clear` (disarm, counts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';
import * as z from 'zod/mini';
import '../../shared/zod-english';
import { addClientHook, type SdkClient } from '../../shared/aws/clients';

const faultRule = z
  .object({
    service: z.enum(['dynamodb', 's3', 'sesv2', 'sqs', 'eventbridge']),
    /** The API operation, as AWS names it: BatchWriteItem, GetObject, SendEmail... */
    operation: z.string().check(z.minLength(1)),
    /** Count (and fail) only calls whose input, as JSON, contains this text: an S3 key, an address. */
    inputContains: z.optional(z.string().check(z.minLength(1))),
    /** Fail matching calls number `from` to `to` (1-based, counted from when the rule is armed). */
    from: z.int().check(z.gte(1)),
    /** The last call to fail; leave out to fail every matching call from `from` until cleared. */
    to: z.optional(z.int().check(z.gte(1))),
  })
  .check(z.refine((r) => r.to === undefined || r.to >= r.from, { message: 'to must be at least from' }));

export type FaultRule = Readonly<z.infer<typeof faultRule>>;
export type FaultService = FaultRule['service'];

export interface FaultCount {
  readonly rule: FaultRule;
  /** Matching calls seen since the rule was armed (failed or not). */
  readonly calls: number;
  /** Calls this rule failed. */
  readonly injected: number;
}

export const INJECTED_FAULT = 'InjectedFault';

interface Armed {
  rule: FaultRule;
  calls: number;
  injected: number;
}

export class FaultInjector {
  private armed: Armed[] = [];

  /**
   * LOCAL_FAULTS_DISABLED=1 keeps counting calls but fails none: run the fault tests with it to
   * see each of them fail when its fault is taken away.
   */
  constructor(private readonly disabled = process.env.LOCAL_FAULTS_DISABLED === '1') {}

  /** Add the middleware to every SDK client this process makes from now on. */
  install(): void {
    addClientHook((client) => this.attach(client));
  }

  /** Add the middleware to one client. */
  attach(client: SdkClient): void {
    const add = <I extends object, O extends object>(stack: MiddlewareStack<I, O>, service: FaultService) =>
      stack.add(this.middleware<I, O>(service), { step: 'finalizeRequest', priority: 'low', name: 'localFaultInjection' });
    if (client instanceof DynamoDBClient) add(client.middlewareStack, 'dynamodb');
    else if (client instanceof S3Client) add(client.middlewareStack, 's3');
    else if (client instanceof SESv2Client) add(client.middlewareStack, 'sesv2');
    else if (client instanceof SQSClient) add(client.middlewareStack, 'sqs');
    else if (client instanceof EventBridgeClient) add(client.middlewareStack, 'eventbridge');
  }

  /** Arm rules given as JSON (the control route's body): an array of FaultRule. */
  arm(json: string): FaultCount[] {
    for (const rule of z.array(faultRule).parse(JSON.parse(json))) this.armed.push({ rule, calls: 0, injected: 0 });
    return this.counts();
  }

  counts(): FaultCount[] {
    return this.armed.map((a) => ({ rule: a.rule, calls: a.calls, injected: a.injected }));
  }

  /** Disarm every rule; returns what they did. */
  clear(): FaultCount[] {
    const counts = this.counts();
    this.armed = [];
    return counts;
  }

  /** The fault to throw for this call, if an armed rule asks for one (every matching rule counts the call). */
  private faultFor(service: FaultService, operation: string, input: unknown): Error | undefined {
    let fault: Error | undefined;
    let text: string | undefined;
    for (const a of this.armed) {
      if (a.rule.service !== service || a.rule.operation !== operation) continue;
      if (a.rule.inputContains !== undefined && !(text ??= JSON.stringify(input) ?? '').includes(a.rule.inputContains)) continue;
      a.calls++;
      if (a.calls < a.rule.from || (a.rule.to !== undefined && a.calls > a.rule.to) || this.disabled) continue;
      a.injected++;
      fault ??= Object.assign(
        new Error(`Injected fault: ${service} ${operation} call ${a.calls} (failing calls ${a.rule.from} to ${a.rule.to ?? 'the end'})`),
        {
          name: INJECTED_FAULT,
          $fault: 'server' as const,
          $metadata: {},
        },
      );
    }
    return fault;
  }

  private middleware<I extends object, O extends object>(service: FaultService): FinalizeRequestMiddleware<I, O> {
    return (next, context) => async (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const fault = this.faultFor(service, operation, args.input);
      if (fault) throw fault;
      return next(args);
    };
  }
}
