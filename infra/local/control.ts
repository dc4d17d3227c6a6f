/**
 * The local cloud's control routes (POST /local/control/<action>[/<argument>]), used by the tests
 * and the CLI scripts: wait until idle, read counters, fire a schedule, invoke a function, redrive
 * parked events, stop and start emulators, arm and clear injected faults (fault tests). One typed
 * table of actions; the client
 * below only accepts paths the table can answer.
 */
import { functions, schedules, type FunctionId, type ScheduleId } from '../catalogue';
import type { AwsShims } from './aws-shims';
import type { LocalClock } from './clock';
import type { LocalEmulators } from './emulators';
import type { FaultInjector } from './faults';
import type { LocalInvoker } from './invoker';

export interface ControlContext {
  readonly invoker: LocalInvoker;
  readonly shims: AwsShims;
  readonly emulators: LocalEmulators;
  readonly clock: LocalClock;
  /** Present when the cloud was started with faultInjection. */
  readonly faults?: FaultInjector;
  runSchedule(id: ScheduleId): Promise<void>;
}

/** An action's answer, or a promise of it (sent back as JSON). */
type Action = (c: ControlContext, argument: string | undefined, body: string) => unknown;

const isSchedule = (s: string | undefined): s is ScheduleId => s !== undefined && Object.hasOwn(schedules, s);
const isFunction = (s: string | undefined): s is FunctionId => s !== undefined && Object.hasOwn(functions, s);

/** idle/N waits at most N seconds (a response must come before the client's headers timeout); `idle: false` says ask again. */
async function idle(c: ControlContext, seconds: string | undefined): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const settled = c.invoker.idle().then(() => true);
  const idleNow = seconds
    ? await Promise.race([settled, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Number(seconds) * 1000)))])
    : await settled;
  clearTimeout(timer);
  return { ...c.invoker.stats, ...c.shims.stats, idle: idleNow };
}

export const controlActions = {
  idle: (c, argument) => idle(c, argument),
  stats: (c) => ({ ...c.invoker.stats, ...c.shims.stats, busy: c.invoker.busy }),
  schedule: async (c, argument) => {
    if (!isSchedule(argument)) throw new Error(`Unknown schedule ${argument ?? ''}`);
    await c.runSchedule(argument);
    return { ran: argument };
  },
  /** Synchronous invocation of one function with the body as its event (CLI scripts). */
  invoke: async (c, argument, body) => {
    if (!isFunction(argument)) throw new Error(`Unknown function ${argument ?? ''}`);
    return { result: await c.invoker.invoke(argument, JSON.parse(body || '{}')) };
  },
  /** {"now": "2020-10-05T02:00:00Z"} sets the time events are stamped with; {"reset": true} goes back to real time; {} reads it. */
  clock: (c, _argument, body) => {
    const { now, reset } = JSON.parse(body || '{}') as { now?: string; reset?: boolean };
    if (now) c.clock.set(now);
    if (reset) c.clock.reset();
    return { now: c.clock.now().toISOString() };
  },
  redrive: (c) => c.invoker.redrive(),
  parked: (c) => c.invoker.parked().map((p) => p.parked),
  'dynamodb-stop': async (c) => {
    await c.emulators.stopDynamo();
    return {};
  },
  'dynamodb-restart': async (c) => {
    await c.emulators.restartDynamo();
    return {};
  },
  'ses-stop': async (c) => {
    await c.emulators.stopSes();
    return {};
  },
  'ses-start': async (c) => {
    await c.emulators.startSes();
    return {};
  },
  /** faults/arm (body: FaultRule[]), faults (counts so far), faults/clear (disarm, counts). */
  faults: (c, argument, body) => {
    if (!c.faults) throw new Error('Fault injection is off: start the local cloud with faultInjection: true');
    if (argument === 'arm') return c.faults.arm(body);
    return argument === 'clear' ? c.faults.clear() : c.faults.counts();
  },
} as const satisfies Record<string, Action>;

export type ControlVerb = keyof typeof controlActions;

/** Every path a control request may name. */
export type ControlPath =
  Exclude<ControlVerb, 'schedule' | 'invoke'> | `idle/${number}` | 'faults/arm' | 'faults/clear' | `schedule/${ScheduleId}` | `invoke/${FunctionId}`;

const isVerb = (s: string): s is ControlVerb => Object.hasOwn(controlActions, s);

/** Run the action a control path names. */
export async function runControl(c: ControlContext, path: string, body: string): Promise<unknown> {
  const [verb = '', argument] = path.split('/');
  if (!isVerb(verb)) throw new Error(`Unknown control action ${path}`);
  const action: Action = controlActions[verb];
  return await action(c, argument, body);
}

/** Call a control action of a running local cloud (from another process: tests, CLI). */
export async function controlLocalCloud<T = unknown>(web: string, action: ControlPath, body?: unknown): Promise<T> {
  if (action === 'idle') {
    // A long import can keep the cloud busy for many minutes: wait in steps of a minute.
    for (;;) {
      const r = await controlLocalCloud<T & { idle: boolean }>(web, 'idle/60');
      if (r.idle) return r;
    }
  }
  const res = await fetch(`${web}/local/control/${action}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`Local cloud control ${action} failed (${res.status}): ${text}`);
  return JSON.parse(text) as T;
}
