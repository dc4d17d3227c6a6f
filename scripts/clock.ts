/**
 * npm run clock                         the local cloud's day and time
 * npm run clock -- 2020-09-21           move the local cloud's clock to that day (08:00 UTC); it runs on from there
 * npm run clock -- 2020-09-21 --run dailyPublication   ... and fire that schedule as EventBridge would that day
 * npm run clock -- --reset              back to real time
 * Local only: events and schedules are stamped with this clock, so a factual accuracy window can
 * close and a report be published on its date without waiting five working days.
 */
import { controlLocalCloud } from '../infra/local/cloud';
import { schedules, type ScheduleId } from '../infra/catalogue';
import { parseUkDate } from '../shared/domain/dates';
import { CliError, runCli, UsageError } from './lib/cli';
import { findLocalEndpoints, missingEndpointsMessage } from './lib/local-env';

const scheduleNames = Object.keys(schedules) as ScheduleId[];
const spec = {
  command: 'npm run clock --',
  usage: [
    '[YYYY-MM-DD] [--run SCHEDULE] [--reset] [--json]',
    "Reads or moves the local cloud's clock (events and schedules are stamped with it).",
    `--run fires a schedule at the clock's time: ${scheduleNames.join(', ')}.`,
  ].join('\n'),
  options: { run: { type: 'string' }, reset: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  positionals: { names: ['DATE'] },
} as const;

const isSchedule = (s: string): s is ScheduleId => (scheduleNames as string[]).includes(s);

await runCli(spec, async ({ values, positionals }) => {
  const day = positionals[0] === undefined ? undefined : parseUkDate(positionals[0]);
  if (positionals[0] !== undefined && !day) throw new UsageError(`The date must be a real date written YYYY-MM-DD (got "${positionals[0]}").`);
  if (day && values.reset) throw new UsageError('Give a date or --reset, not both.');
  const run = values.run;
  if (run !== undefined && !isSchedule(run)) throw new UsageError(`--run must name a schedule: ${scheduleNames.join(', ')} (got "${run}").`);
  const e = findLocalEndpoints();
  if (!e) throw new CliError(missingEndpointsMessage());
  const body = day ? { now: `${day}T08:00:00Z` } : values.reset ? { reset: true } : {};
  const { now } = await controlLocalCloud<{ now: string }>(e.web, 'clock', body);
  if (run !== undefined) {
    await controlLocalCloud(e.web, `schedule/${run}`);
    await controlLocalCloud(e.web, 'idle');
  }
  console.log(values.json ? JSON.stringify({ now, ran: run ?? null }) : `The local clock reads ${now}${run ? `; ${run} ran at that time` : ''}.`);
  return 0;
});
