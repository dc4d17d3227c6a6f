/**
 * npm run bench                 every benchmark, then bench/results.md
 * npm run bench -- ingest [--rows N] [--rss-rows N] [--json]
 * npm run bench -- prioritise [--json]
 * npm run bench -- replan [--replan-providers N] [--replan-share S] [--json]
 * npm run bench -- report [--pdfs N] [--submissions N] [--json]
 * npm run bench -- bundles [--json]
 * npm run bench -- load [--load-submissions N] [--load-rows N] [--json]
 * npm run bench -- cost [--visits N] [--nights N] [--json]
 * npm run bench -- page [--json]
 * Each figure comes from one run of this command; ratios compare figures measured in that run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitAfterOutput } from '../scripts/lib/local-env';
import { renderCost } from './cost/render';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '100000' },
    'rss-rows': { type: 'string', default: '1000000' },
    pdfs: { type: 'string', default: '30' },
    submissions: { type: 'string', default: '100' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    'load-submissions': { type: 'string', default: '1000' },
    'load-rows': { type: 'string', default: '100000' },
    visits: { type: 'string', default: '20' },
    nights: { type: 'string', default: '7' },
    'replan-providers': { type: 'string', default: '100000' },
    'replan-share': { type: 'string', default: '0.01' },
  },
});
const which = positionals[0] ?? 'all';
// Handler logs would mix with the figures on stdout: warnings and errors only.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const log = (line: string) => process.stderr.write(`${line}\n`);

async function ingest() {
  const { benchIngest } = await import('./ingest');
  return benchIngest({ rows: Number(values.rows), rssRows: Number(values['rss-rows']), log });
}

async function prioritise() {
  const { benchPrioritise } = await import('./prioritise');
  const sizes = values.sizes.split(',').map(Number);
  const { seconds } = benchPrioritise(sizes);
  const growth: Record<string, number> = {};
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1]!, sizes[i]!];
    const measured = seconds[String(b)]! / seconds[String(a)]!;
    const nlogn = (b * Math.log(b)) / (a * Math.log(a));
    growth[`${a}->${b}`] = Number(measured.toFixed(2));
    growth[`${a}->${b} (n log n would be)`] = Number(nlogn.toFixed(2));
  }
  return { seconds, growth };
}

async function replan() {
  const { benchReplan } = await import('./replan');
  log(`re-plan: ${values['replan-providers']} providers, ${Number(values['replan-share']) * 100}% with new signals the next day ...`);
  return benchReplan({ providers: Number(values['replan-providers']), share: Number(values['replan-share']), log });
}

async function report() {
  const { benchReportPdf } = await import('./report-pdf');
  const { benchUploadToEmail } = await import('./upload-to-email');
  log(`PDF: our renderer vs headless Chromium, ${values.pdfs} each ...`);
  const pdf = await benchReportPdf(Number(values.pdfs));
  log(`upload -> email latency over ${values.submissions} submissions ...`);
  const latency = await benchUploadToEmail(Number(values.submissions), log);
  return { ...pdf, ...latency };
}

async function bundles() {
  const { benchBundles } = await import('./bundles');
  return benchBundles(log);
}

async function load() {
  const { withLocalCloud } = await import('./local-cloud');
  const { runLoad } = await import('./load');
  const { applyEnvironment } = await import('../infra/local/cloud');
  const { resetClients } = await import('../shared/aws/clients');
  return withLocalCloud(async (cloud) => {
    applyEnvironment(cloud.endpoints);
    resetClients();
    return runLoad(cloud.endpoints, { submissions: Number(values['load-submissions']), rows: Number(values['load-rows']), log });
  });
}

async function cost() {
  const [visits, nights] = [Number(values.visits), Number(values.nights)];
  if (![visits, nights].every((x) => Number.isInteger(x) && x >= 1)) {
    console.error(`--visits and --nights must be whole numbers of at least 1 (got ${values.visits} and ${values.nights}).`);
    process.exit(2);
  }
  const { benchCost } = await import('./cost/index');
  return benchCost({ visits, nights, log });
}

async function page() {
  const { benchPage } = await import('./page');
  return benchPage(log);
}

const all = { ingest, prioritise, replan, report, bundles, load, page, cost } as const;
type Name = keyof typeof all;

/**
 * Each benchmark's latest figures are kept in bench/results/<name>.json with the command and date
 * that produced them, and bench/results.md is rendered from all of them after every run, so a
 * single benchmark can be rerun without losing the others.
 */
const resultsDir = resolve(import.meta.dirname, 'results');
function record(name: Name, result: unknown): void {
  mkdirSync(resultsDir, { recursive: true });
  const entry = { measuredAt: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), node: process.version, result };
  writeFileSync(resolve(resultsDir, `${name}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  const recorded: Partial<Record<Name, unknown>> = {};
  for (const n of Object.keys(all) as Name[]) {
    const file = resolve(resultsDir, `${n}.json`);
    if (existsSync(file)) recorded[n] = JSON.parse(readFileSync(file, 'utf8'));
  }
  writeFileSync(resolve(import.meta.dirname, 'results.md'), renderResults(recorded));
}

if (which !== 'all') {
  if (!(which in all)) {
    console.error(`Unknown benchmark "${which}". Choose one of: ${Object.keys(all).join(', ')}, or none for all.`);
    process.exit(2);
  }
  const result = await all[which as Name]();
  record(which as Name, result);
  console.log(
    values.json ? JSON.stringify(result) : which === 'cost' ? renderCost(result as Parameters<typeof renderCost>[0]) : JSON.stringify(result, null, 2),
  );
  await exitAfterOutput(0);
}

const results: Partial<Record<Name, unknown>> = {};
for (const name of Object.keys(all) as Name[]) {
  log(`== ${name}`);
  results[name] = await all[name]();
  record(name, results[name]);
}
console.log(values.json ? JSON.stringify(results) : readFileSync(resolve(import.meta.dirname, 'results.md'), 'utf8'));

/** The cost model reads best as tables: its block renders them, with the command and date that measured them. */
function costBlock(recorded: unknown): string {
  if (recorded === undefined)
    return '## Cost: what a month costs in eu-west-2 (goal: national service under $50)\n\nNot measured yet: run `npm run bench -- cost`.\n';
  const entry = recorded as { measuredAt: string; command: string; result: Parameters<typeof renderCost>[0] };
  return `## Cost: what a month costs in eu-west-2 (goal: national service under $50)\n\nMeasured ${entry.measuredAt} by \`${entry.command}\`; the JSON is in \`bench/results/cost.json\`.\n\n${renderCost(entry.result)}\n`;
}

function renderResults(r: Partial<Record<Name, unknown>>): string {
  const block = (title: string, v: unknown, name: Name) =>
    v === undefined
      ? `## ${title}\n\nNot measured yet: run \`npm run bench -- ${name}\`.\n`
      : `## ${title}\n\n\`\`\`json\n${JSON.stringify(v, null, 2)}\n\`\`\`\n`;
  return [
    `# Benchmark results\n`,
    `Written by \`npm run bench\` (${process.arch}, ${availableParallelism()} cores). Each block gives the command and date that measured it; each ratio compares figures measured in that one run. Local figures are against the emulators (DynamoDB Local is the bottleneck for writes), not AWS.\n`,
    block('Ingest: pipeline vs raw BatchWriteItem (goal ratio >= 0.8), peak RSS (goal < 300 MB)', r.ingest, 'ingest'),
    block('Prioritise: seconds to score and programme n providers (goal 100k < 2 s, growth close to n log n)', r.prioritise, 'prioritise'),
    block('Re-plan: 100,000 providers, 1% with new signals the next day (goal seconds < 2, movedNotified 0, movedUnfixedShare <= 0.02)', r.replan, 'replan'),
    block('Reports: ms per PDF, ours vs Chromium (goal ratio <= 0.1); upload -> email latency (goal p95 < 2 s)', r.report, 'report'),
    block(
      'Bundles: size per function and cold-start import time on Node 24, against a handler that only creates a DynamoDB client, bundled the same way and measured in the same rounds (median of 21). bundleKb is the whole bundle; entryKb what a cold start reads (index.mjs and the chunks it imports statically; the others load on first use). Goals: ratio <= 1.5; bundle < 500 KB, publicationWorker < 3 MB',
      r.bundles,
      'bundles',
    ),
    block('Load: findings submissions through the S3 POST path and a provider import at once (goal: lost 0, duplicates 0)', r.load, 'load'),
    block(
      'Page: the findings form on slow 3G (400 kbit/s, 400 ms per request, CPU 4x) (goal: under 150 KB transferred, usable under 3 s). Usable: the form script has run (GOV.UK Frontend has initialised the submit button, in the task that attaches the submit handler), from navigation start. Bytes: every response of a first visit, compressed bodies plus headers. Before content-hashed, compressed assets (one run, 2026-11-27): 302,900 bytes, usable 6,698 ms (DevTools Slow 3G: 9,789 ms); nothing compressed, crest and fonts 404',
      r.page,
      'page',
    ),
    costBlock(r.cost),
  ].join('\n');
}
