/**
 * A representative slice of a season, run through the real handlers on the emulators with the
 * meter on every client and invocation: the real Ofsted provider snapshot and in-year inspections,
 * LA outcomes, intelligence signals, commissioners; nightly prioritisation runs; visits from the
 * inspector's link to published reports and commissioner emails; public page views; weekly
 * digests and daily reminders (each once with nothing to send, once with mail); an SES bounce.
 * Run in a process of its own (season-child.ts) so the functions log as they do in Lambda.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { functions, prefixes, type FunctionId } from '../../infra/catalogue';
import type { LocalCloud } from '../../infra/local/cloud';
import { addClientHook } from '../../shared/aws/clients';
import { s3Client } from '../../shared/aws/s3-client';
import { reportKeys } from '../../shared/aws/import-adapter';
import { listEditions } from '../../shared/aws/publication-store';
import { INDEX_KEY } from '../../shared/public-site/routes';
import type { Visit } from '../../shared/domain/types';
import type { ImportReport } from '../../shared/ingest/report';
import { withLocalCloud } from '../local-cloud';
import type { PublishedIndexGrowth } from './index-growth';
import { Meter } from './meter';
import { inspectorVisits, pickVisits, publicFirstVisit, publicPageAssets, publicPageViews } from './season-web';
import type { UnitId } from './units';
import { USAGE_NAMES as N, subtractByActor, sumByActor, total, type UsageByActor } from './usage';

export interface SeasonOptions {
  readonly visits: number;
  readonly nightlyRuns: number;
  readonly log: (line: string) => void;
}

export interface MeasuredUnit {
  /** How many units the usage is for. */
  readonly count: number;
  readonly usage: UsageByActor;
  /** Base table bytes when it was measured: its Scans read that much (they read more as the table grows). */
  readonly tableBytes: number;
}

export interface Season {
  readonly units: Record<UnitId, MeasuredUnit>;
  /** Custom CloudWatch metrics the functions emitted (namespace/name{dimensions}). */
  readonly customMetrics: readonly string[];
  readonly providers: number;
  readonly visits: number;
  readonly reportEmailsPerVisit: number;
  /** Base table bytes at the end (what a Scan reads). */
  readonly tableBytes: number;
  /** The published reports index: one page listing every report, rewritten on each publication. */
  readonly publishedIndex: PublishedIndexGrowth;
}

const root = resolve(import.meta.dirname, '..', '..');
const DAY = 86_400_000;
const functionIds = new Set<string>(Object.keys(functions));

interface TableSize {
  readonly tableBytes: number;
  readonly storedBytes: number;
}

/** Table and index sizes, with DynamoDB's billed 100 bytes of overhead per item and index entry. */
async function tableSize(ddb: DynamoDBClient, name: string): Promise<TableSize> {
  const t = (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;
  const indexes = t?.GlobalSecondaryIndexes ?? [];
  const bytes = (t?.TableSizeBytes ?? 0) + indexes.reduce((n, i) => n + (i.IndexSizeBytes ?? 0), 0);
  const entries = (t?.ItemCount ?? 0) + indexes.reduce((n, i) => n + (i.ItemCount ?? 0), 0);
  return { tableBytes: t?.TableSizeBytes ?? 0, storedBytes: bytes + 100 * entries };
}

function scheduledEvent(at: Date): unknown {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString(),
    region: 'eu-west-2',
    resources: [],
    detail: {},
  };
}

function only(usage: UsageByActor, actors: readonly string[]): UsageByActor {
  return Object.fromEntries(Object.entries(usage).filter(([a]) => actors.includes(a)));
}
function without(usage: UsageByActor, actors: readonly string[]): UsageByActor {
  return Object.fromEntries(Object.entries(usage).filter(([a]) => !actors.includes(a)));
}

/** A prioritisation run's table Scan apart from the rest of it (the Scan grows with the table, the rest with providers). */
function splitScan(usage: UsageByActor, fn: FunctionId): { scan: UsageByActor; rest: UsageByActor } {
  const scan: UsageByActor = { [fn]: { [N.ddbScanReadUnits]: usage[fn]?.[N.ddbScanReadUnits] ?? 0 } };
  return { scan, rest: subtractByActor(usage, scan) };
}

class SeasonRun {
  readonly meter = new Meter(functionIds, (actor) => functions[actor as FunctionId]?.dir ?? actor);
  private readonly ddb = new DynamoDBClient({});
  tableBytesAtStart: Record<string, number> = {};

  constructor(
    readonly cloud: LocalCloud,
    readonly log: (line: string) => void,
  ) {}

  /** Run one phase: what it does is counted under its name, with the table's growth for the 'table' actor. */
  async phase<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.meter.phase = name;
    const before = await tableSize(this.ddb, this.cloud.endpoints.table);
    this.tableBytesAtStart[name] = before.tableBytes;
    const out = await work();
    await this.cloud.idle();
    const after = await tableSize(this.ddb, this.cloud.endpoints.table);
    // A phase can also shrink the table (a run that replans visits): its growth is then nothing.
    this.meter.add(N.ddbStoredBytes, Math.max(0, after.storedBytes - before.storedBytes), 'table');
    this.meter.add(N.ddbTableBytes, Math.max(0, after.tableBytes - before.tableBytes), 'table');
    this.log(`  ${name}: done`);
    return out;
  }

  /** Ops upload a file to imports/ (the ingest function takes it from there); returns the rows accepted. */
  async importFile(file: string, folder = 'season'): Promise<number> {
    const bucket = this.cloud.endpoints.buckets.imports;
    const key = `${prefixes.imports}${folder}/${basename(file)}`;
    const body = readFileSync(resolve(root, file));
    await this.meter.as('ops', () => s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/csv' })));
    await this.cloud.idle();
    const obj = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: reportKeys(key).json }));
    const report = JSON.parse(await obj.Body!.transformToString()) as ImportReport;
    if (report.status !== 'accepted') throw new Error(`${file} was not imported: ${report.error ?? 'rejected'}`);
    return report.accepted;
  }

  async invokeScheduled(id: FunctionId, at: Date): Promise<void> {
    await this.cloud.invoker.invokeAsync(id, scheduledEvent(at));
  }

  usage(phase: string): UsageByActor {
    return this.meter.usage(phase);
  }

  /** `count` units measured in `phase` (`usage` defaults to the whole phase's). */
  unit(phase: string, count: number, what: string, usage = this.usage(phase)): MeasuredUnit {
    if (!(count > 0)) throw new Error(`The season measured no ${what}: the slice must include at least one`);
    return { count, usage, tableBytes: this.tableBytesAtStart[phase] ?? 0 };
  }
}

/** The invoker's hook: each invocation is timed and run as its function. */
function meterInvocations(run: SeasonRun): void {
  run.cloud.invoker.around = (id, invocation) =>
    run.meter.as(id, async () => {
      const started = performance.now();
      let result: unknown;
      try {
        result = await invocation();
        return result as Awaited<ReturnType<typeof invocation>>;
      } finally {
        const http: { http?: readonly string[] } = functions[id].trigger;
        run.meter.invocation(id, performance.now() - started, http.http ? { result } : undefined);
      }
    });
}

async function imports(run: SeasonRun) {
  // The first load fills the table (its growth is what a snapshot's providers hold) and warms the
  // emulator; the next month's snapshot of the same providers is the one priced per row.
  await run.phase('firstLoad', () => run.importFile('samples/ofsted/providers-as-at-2018-03-31.csv', 'first-load'));
  const providers = await run.phase('snapshot', () => run.importFile('samples/ofsted/providers-as-at-2018-03-31.csv'));
  const inspections = await run.phase('inspections', () => run.importFile('samples/ofsted/inspections-in-year-2017-18.csv'));
  const laOutcomes = await run.phase('laOutcomes', () => run.importFile('samples/la-outcomes.synthetic.csv'));
  const signals = await run.phase('signals', () => run.importFile('samples/intelligence.synthetic.csv'));
  const commissioners = await run.phase('commissioners', () => run.importFile('samples/commissioners.synthetic.csv'));
  run.log(`  imported ${providers} providers, ${inspections} inspections, ${laOutcomes} LA outcomes, ${signals} signals, ${commissioners} commissioners`);
  // The runs each import starts are counted with the nightly runs (per provider), not with the rows.
  const rows = (phase: string, count: number) => run.unit(phase, count, `${phase} rows`, without(run.usage(phase), ['prioritise']));
  return {
    providers,
    units: {
      providerRow: {
        ...rows('snapshot', providers),
        usage: { ...without(run.usage('snapshot'), ['prioritise', 'table']), table: run.usage('firstLoad').table ?? {} },
      },
      inspectionRow: rows('inspections', inspections),
      laOutcomeRow: rows('laOutcomes', laOutcomes),
      signalRow: rows('signals', signals),
      commissionerRow: rows('commissioners', commissioners),
    },
  };
}

/** Phases whose import started a prioritisation run over a full table (the first load's run plans from nothing). */
const RUNS_AFTER_IMPORTS = ['snapshot', 'inspections', 'laOutcomes', 'signals', 'commissioners'];

/**
 * Nightly runs (inputs unchanged since the last run: they rewrite nothing) and the runs that
 * followed each import (inputs changed: they rewrite the programme) are averaged, per provider;
 * the Scan is measured on the nightly runs, over the table they read.
 */
async function nightly(run: SeasonRun, runs: number, providers: number) {
  await run.phase('nightly', async () => {
    for (let i = 0; i < runs; i++) {
      await run.invokeScheduled('prioritise', run.cloud.clock.now());
      await run.cloud.idle();
    }
  });
  const { scan } = splitScan(run.usage('nightly'), 'prioritise');
  const all = sumByActor(...['nightly', ...RUNS_AFTER_IMPORTS].map((phase) => only(run.usage(phase), ['prioritise'])));
  const { rest } = splitScan(all, 'prioritise');
  const count = total(all, N.lambdaInvocations);
  return {
    prioritiseProvider: run.unit('nightly', count * providers, 'prioritisation runs', rest),
    prioritiseRun: run.unit('nightly', runs, 'prioritisation runs', scan),
  };
}

/** A scheduled function run once with nothing to send (its Scan), then once with mail (the rest is per email). */
async function quietThenBusy(run: SeasonRun, id: FunctionId, name: string, quietAt: Date, busyAt: Date) {
  await run.phase(`${name}-quiet`, () => run.invokeScheduled(id, quietAt));
  await run.phase(name, () => run.invokeScheduled(id, busyAt));
  const quiet = run.usage(`${name}-quiet`);
  const busy = run.usage(name);
  if (total(quiet, N.sesMessages) > 0) throw new Error(`The quiet ${name} run sent email: pick a quieter date`);
  return {
    run: run.unit(`${name}-quiet`, 1, `quiet ${name} runs`),
    email: run.unit(name, total(busy, N.sesMessages), `${name} emails`, subtractByActor(busy, quiet)),
  };
}

async function indexBytes(run: SeasonRun): Promise<number> {
  const obj = await s3Client().send(new GetObjectCommand({ Bucket: run.cloud.endpoints.buckets.reports, Key: INDEX_KEY }));
  return (await obj.Body!.transformToByteArray()).byteLength;
}

/**
 * The visits, one after another, and how the published index grows with them: its bytes per
 * report (between the first publication and the last) and the read units per report of the
 * Query that lists them (each publication reads the whole list to rewrite the index).
 */
async function visitsWithIndexGrowth(run: SeasonRun, visits: readonly Visit[]): Promise<PublishedIndexGrowth> {
  const web = run.cloud.endpoints.web;
  const settle = () => run.cloud.idle();
  await inspectorVisits(run.meter, web, visits.slice(0, 1), settle);
  const first = await indexBytes(run);
  await inspectorVisits(run.meter, web, visits.slice(1), settle);
  const last = await indexBytes(run);
  const phase = run.meter.phase;
  run.meter.phase = 'indexProbe';
  const reports = await run.meter.as('probe', () => listEditions());
  run.meter.phase = phase;
  const readUnits = total(run.usage('indexProbe'), N.ddbReadUnits);
  if (reports.length < 2) throw new Error('The season needs at least two published reports to see the index grow: use --visits 2 or more');
  return {
    reportsMeasured: reports.length,
    fixedBytes: first,
    bytesPerReport: (last - first) / (reports.length - 1),
    readUnitsPerReport: readUnits / reports.length,
  };
}

async function bounce(run: SeasonRun) {
  const message = JSON.stringify({
    eventType: 'Bounce',
    bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@bounce.example.gov.uk', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
  });
  await run.phase('bounce', () =>
    run.cloud.invoker.invokeAsync('sesFeedback', {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'local',
          Sns: { Type: 'Notification', MessageId: crypto.randomUUID(), TopicArn: 'local', Message: message, Timestamp: new Date().toISOString() },
        },
      ],
    }),
  );
  return run.unit('bounce', 1, 'bounces');
}

/** The day the slice of a season starts: the sample policy plans September 2020 to March 2021. */
const SEASON_START = '2020-09-01T02:00:00Z';

export async function runSeason(options: SeasonOptions): Promise<Season> {
  return withLocalCloud(async (cloud) => {
    // The local cloud asks for pretty-printed logs and no metrics; Lambda gets JSON lines and EMF.
    // The handlers are loaded at their first invocation, so they read this.
    process.env.POWERTOOLS_DEV = 'false';
    const run = new SeasonRun(cloud, options.log);
    const plugin = run.meter.plugin();
    addClientHook((client) => client.middlewareStack.use(plugin));
    meterInvocations(run);
    const undoLogs = run.meter.captureLogs();
    try {
      // The programme is planned as of the day its events carry: a day of the season the sample policy plans.
      cloud.clock.set(SEASON_START);
      options.log('imports (the real Ofsted files and the synthetic samples) ...');
      const imported = await imports(run);
      options.log(`${options.nightlyRuns} nightly prioritisation runs ...`);
      const prioritise = await nightly(run, options.nightlyRuns, imported.providers);
      options.log(`${options.visits} visits from the inspector's link through review and factual accuracy to published reports and emails ...`);
      const { picked: visits, firstWeek, lastWeek } = await pickVisits(options.visits);
      const publishedIndex = await run.phase('findings', () => visitsWithIndexGrowth(run, visits));
      const findings = run.usage('findings');
      const reportEmails = total(only(findings, ['notifyCommissioners']), N.sesMessages);
      options.log('public page views ...');
      const pageViews = await run.phase('pages', () => publicPageViews(cloud.endpoints.web));
      // Finding the assets reads two pages: a phase of its own, priced nowhere.
      const assets = await run.phase('lookingAround', () => publicPageAssets(cloud.endpoints.web));
      await run.phase('firstVisit', () => publicFirstVisit(cloud.endpoints.web, assets));
      options.log('weekly digest and daily reminders ...');
      // The digest covers the week before its run: one a week after the publications, one a week before any.
      const published = (await listEditions()).map((e) => Date.parse(e.at)).sort((x, y) => x - y);
      if (published.length === 0) throw new Error('The season published no report: nothing for the digest to send');
      const digest = await quietThenBusy(run, 'weeklyDigest', 'digest', new Date(published[0]! - 7 * DAY), new Date(published.at(-1)! + 7 * DAY));
      // Reminders go out for visits whose week ended a week ago: none in the programme's first week, all after its last.
      const reminders = await quietThenBusy(
        run,
        'findingsReminders',
        'reminders',
        new Date(`${firstWeek}T08:00:00Z`),
        new Date(Date.parse(`${lastWeek}T08:00:00Z`) + 15 * DAY),
      );
      const bounced = await bounce(run);
      const end = await tableSize(new DynamoDBClient({}), cloud.endpoints.table);
      return {
        units: {
          ...imported.units,
          ...prioritise,
          visit: run.unit('findings', visits.length, 'visits', without(findings, ['notifyCommissioners'])),
          reportEmail: run.unit('findings', reportEmails, 'report emails', only(findings, ['notifyCommissioners'])),
          digestRun: digest.run,
          digestEmail: digest.email,
          reminderRun: reminders.run,
          reminderEmail: reminders.email,
          publicPageView: run.unit('pages', pageViews, 'public page views'),
          publicFirstVisit: run.unit('firstVisit', 1, 'first visits', run.usage('firstVisit')),
          bounce: bounced,
        },
        customMetrics: [...run.meter.customMetrics].sort(),
        providers: imported.providers,
        visits: visits.length,
        reportEmailsPerVisit: Number((reportEmails / visits.length).toFixed(2)),
        tableBytes: end.tableBytes,
        publishedIndex,
      };
    } finally {
      undoLogs();
    }
  });
}
