/**
 * The command-line interfaces ops and scripts rely on, run as separate processes against the local
 * cloud with stdout on a pipe (as a script reading `--json` has it): import, prioritise,
 * visit-link, visit, erase-provider and redrive, with their exit codes and their usage errors. Their `--json` outputs are the product's checked interface.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEndpoints, type Endpoints } from '../../infra/local/cloud';
import { runProcess, type ProcessResult } from '../../scripts/lib/run-process';
import { useLocalCloud } from '../support/cloud';
import { putContact, putProvider, putVisit } from '../support/fixtures';
import { runPublicationSchedule, submitFindings } from '../support/publication';

let e: Endpoints;
let dir: string;
let endpointsFile: string;
beforeAll(() => {
  e = useLocalCloud();
  dir = mkdtempSync(join(tmpdir(), 'visits-cli-'));
  endpointsFile = join(dir, 'endpoints.json');
  writeEndpoints(e, endpointsFile);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    ...process.env,
    VISITS_ENDPOINTS_FILE: endpointsFile,
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...env,
  });
}

function json<T>(r: ProcessResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${r.code}, ${r.stdout.length} chars): ${r.stdout.slice(0, 300)} ... stderr: ${r.stderr.slice(-500)}`);
  }
}

interface ImportJson {
  kind: string | null;
  status: string;
  error?: string;
  rows: number;
  accepted: number;
  rejected: { line: number; column: string; reason: string }[];
  closed?: number;
  held?: { reason: string; confirm: string };
}
interface ProgrammeJson {
  programmeId: string;
  digest: string;
  seed: number;
  policyVersion: string;
  planned: { visitId: string; target: string; kind: string; week: string; region: string; reasons: string[]; status: string; pool: string }[];
  unplanned: { target: string; why: string }[];
  asOf: string;
  moved: unknown[];
  added: unknown[];
  dropped: unknown[];
  triage: unknown[];
}

describe('the command-line interfaces', () => {
  it('import --json: the real Ofsted provider file, all 2,797 rows accepted, exit 0', async () => {
    const r = await run('import', ['samples/ofsted/providers-as-at-2018-03-31.csv', '--json', '--confirm-closures']);
    expect(r.code).toBe(0);
    const report = json<ImportJson>(r);
    expect(report).toMatchObject({ kind: 'providers', status: 'accepted', rows: 2797, accepted: 2797, rejected: [] });
  });

  it('import --json: a file with no known header is refused whole, exit 1 and the reason', async () => {
    const file = join(dir, 'nonsense.csv');
    writeFileSync(file, 'colour,shape\nred,square\n');
    const r = await run('import', [file, '--json']);
    expect(r.code).toBe(1);
    const report = json<ImportJson>(r);
    expect(report).toMatchObject({ kind: null, status: 'rejected', rows: 0, accepted: 0 });
    expect(report.error).toMatch(/column names do not match.*"colour", "shape".*docs\/data-formats\.md/);
  });

  it('import: a file with some rows rejected exits 2 and says so; a partial provider file is held, exit 3, and --confirm-closures applies it', async () => {
    const file = join(dir, 'signals.csv');
    writeFileSync(file, 'Signal ID,Date,URN,Local authority,Type\nC-1,01/02/2020,1027076,,complaint\nC-2,31/02/2020,1027076,,complaint\n');
    const some = await run('import', [file]);
    expect(some.code).toBe(2);
    expect(some.stdout).toContain('Outcome: accepted with rejections');
    expect(some.stdout).toContain('line 3, column "Date"');

    const partial = join(dir, 'providers-partial.csv');
    writeFileSync(partial, readFileSync('samples/ofsted/providers-as-at-2018-03-31.csv', 'utf8').split('\n').slice(0, 5).join('\n'));
    const held = await run('import', [partial, '--json']);
    expect(held.code).toBe(3);
    const heldReport = json<ImportJson>(held);
    expect(heldReport).toMatchObject({ status: 'held', held: { reason: 'closures' } });
    expect(heldReport.held?.confirm).toContain('--confirm-closures');
    const applied = await run('import', [partial, '--json', '--confirm-closures']);
    expect(applied.code).toBe(0);
    const appliedReport = json<ImportJson>(applied);
    expect(appliedReport.status).toBe('accepted');
    expect(appliedReport.closed).toBeGreaterThan(0);
    expect((await run('import', ['samples/ofsted/providers-as-at-2018-03-31.csv', '--confirm-closures'])).code).toBe(0);
  });

  it('import, redrive and erase-provider: a wrong option or argument prints a one-line error and the usage, exit 1, never a stack trace', async () => {
    const cases: [string, string[], RegExp][] = [
      ['import', [], /^Error: Missing FILE\.\nUsage: npm run import -- FILE/],
      ['import', ['samples/commissioners.synthetic.csv', '--bogus'], /^Error: Unknown option '--bogus'\.\nUsage: npm run import --/],
      ['import', ['samples/commissioners.synthetic.csv', '--timeout', '-5'], /^Error: --timeout must be a number greater than 0 \(got "-5"\)\.\nUsage:/],
      ['import', ['samples/commissioners.synthetic.csv', '--aws'], /^Error: With --aws, name the imports bucket with --bucket NAME/],
      ['import', [join(dir, 'no-such-file.csv')], /^No such file: .*no-such-file\.csv\n$/],
      ['redrive', ['--queue', 'https://sqs.example/q'], /^Error: --queue goes with --aws/],
      ['redrive', ['--aws'], /^Error: With --aws, give the failed-events queue URL/],
      ['erase-provider', ['../../etc'], /^Error: "\.\.\/\.\.\/etc" is not a URN.*\nUsage: npm run erase-provider -- URN/],
      ['erase-provider', [], /^Error: Missing URN\.\nUsage:/],
    ];
    for (const [script, args, expected] of cases) {
      const r = await run(script, args, { IMPORTS_BUCKET: '' });
      expect(r.code, `${script} ${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr, `${script} ${args.join(' ')}`).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('redrive --list: nothing parked, exit 0', async () => {
    const r = await run('redrive', ['--list', '--json']);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
  });

  it('prioritise --as-of --json: the whole programme as of that day through a pipe, every planned visit with reasons, the same digest twice', async () => {
    const first = await run('prioritise', ['--as-of', '2020-08-24', '--json']);
    expect(first.code).toBe(0);
    // Larger than a pipe's 64 KB buffer: the script must not exit before stdout has drained.
    expect(first.stdout.length).toBeGreaterThan(65_536);
    const p = json<ProgrammeJson>(first);
    expect(p.programmeId).toMatch(/^p-/);
    expect(p.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof p.seed).toBe('number');
    expect(p.policyVersion).toBeTruthy();
    expect(p.planned.length).toBeGreaterThan(100);
    for (const v of p.planned) expect(v.reasons.length).toBeGreaterThan(0);
    for (const u of p.unplanned) expect(u.why).toBeTruthy();
    expect(p.asOf).toBe('2020-08-24');
    for (const list of [p.moved, p.added, p.dropped, p.triage]) expect(Array.isArray(list)).toBe(true);

    const second = json<ProgrammeJson>(await run('prioritise', ['--as-of', '2020-08-24', '--json']));
    expect(second.digest).toBe(p.digest);
    expect(second).toMatchObject({ changed: false, moved: [], added: [], dropped: [] });

    const link = await run('visit-link', [p.planned[0]!.visitId]);
    expect(link.code).toBe(0);
    const url = link.stdout.trim();
    expect(url.split('\n')).toHaveLength(1);
    expect(url).toMatch(new RegExp(`^${e.web}/visits/${p.planned[0]!.visitId}/findings\\?token=`));
    expect((await fetch(url)).status).toBe(200);
  });

  it('prioritise: a date that is not a real date is refused with the usage, in one line, exit 1', async () => {
    const r = await run('prioritise', ['--as-of', '2020-02-30']);
    expect(r.code).toBe(1);
    const [error, usage] = r.stderr.split('\n');
    expect(error).toBe('Error: --as-of must be a real date written YYYY-MM-DD (got "2020-02-30").');
    expect(usage).toBe('Usage: npm run prioritise -- [--as-of YYYY-MM-DD] [--json] [--policy FILE [--dry-run]]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('visit defer and cancel --json: ops put a visit off with a reason, then cancel it; wrong options get the usage', async () => {
    const visit = await putVisit({ targetName: 'Deferrable House' });
    const deferred = await run('visit', ['defer', visit.visitId, '--until', '2099-01-04', '--reason', 'Local restrictions', '--json']);
    expect(deferred.code).toBe(0);
    expect(json(deferred)).toMatchObject({
      visitId: visit.visitId,
      status: 'deferred',
      previousStatus: 'planned',
      deferral: { until: '2099-01-04', reason: 'Local restrictions' },
    });
    const cancelled = await run('visit', ['cancel', visit.visitId, '--reason', 'The home has closed', '--json']);
    expect(json(cancelled)).toMatchObject({ status: 'cancelled', previousStatus: 'deferred', cancellation: { reason: 'The home has closed' } });
    const again = await run('visit', ['defer', visit.visitId, '--until', '2099-01-04', '--reason', 'x']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Visit v-test-\w+ \(Deferrable House\) is cancelled: only a visit that is planned, notified, deferred can be deferred\.\n$/);
    const missing = await run('visit', ['cancel', visit.visitId]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: --reason is required: why the visit will not happen\.\nUsage: npm run visit -- cancel VISIT_ID --reason TEXT/);
    const badDate = await run('visit', ['defer', visit.visitId, '--until', 'soon', '--reason', 'x']);
    expect(badDate.stderr).toMatch(/^Error: --until must be a real date written YYYY-MM-DD \(got "soon"\)\./);
  });

  it('erase-provider: lists without deleting, erases with --yes, then finds nothing', async () => {
    const provider = await putProvider({ localAuthority: 'Clishire' });
    const dry = json<{ found: boolean; dryRun: boolean; itemsByEntity: Record<string, number> }>(await run('erase-provider', [provider.urn, '--json']));
    expect(dry).toMatchObject({ found: true, dryRun: true });
    expect(dry.itemsByEntity).toEqual({ provider: 1 });
    const erased = await run('erase-provider', [provider.urn, '--yes', '--json']);
    expect(erased.code).toBe(0);
    expect(json(erased)).toMatchObject({ urn: provider.urn, found: true, dryRun: false, itemsDeleted: 1 });
    expect(json(await run('erase-provider', [provider.urn, '--json']))).toMatchObject({ found: false });
  });

  it('visit: status --json, approve, publish early with a reason, amend and withdraw, each printing the one status object', async () => {
    const provider = await putProvider({ localAuthority: 'Opsshire', provisionType: 'Independent Fostering Agency' });
    const visit = await putVisit({
      target: provider.urn,
      targetName: provider.name,
      localAuthority: 'Opsshire',
      provisionType: 'Independent Fostering Agency',
    });
    const contact = await putContact({ urn: provider.urn });
    type Status = {
      visitId: string;
      state: string;
      version: number;
      history: { state: string; at: string; by: string; reason: string | null }[];
      public: { html: string; pdf: string } | null;
    };

    expect(json<Status>(await run('visit', ['status', visit.visitId, '--json']))).toEqual({
      visitId: visit.visitId,
      state: 'none',
      version: 0,
      history: [],
      public: null,
    });
    await submitFindings(e, visit);
    const inReview = json<Status>(await run('visit', ['status', visit.visitId, '--json']));
    expect(Object.keys(inReview)).toEqual(['visitId', 'state', 'version', 'history', 'public']);
    expect(inReview).toMatchObject({ state: 'in-review', version: 1, public: null });
    expect(inReview.history.map((h) => Object.keys(h))).toEqual([
      ['state', 'at', 'by', 'reason'],
      ['state', 'at', 'by', 'reason'],
    ]);

    // Publishing before review and factual accuracy is refused, with what is true instead.
    const early = await run('visit', ['publish', visit.visitId, '--reason', 'Urgent']);
    expect(early.code).toBe(1);
    expect(early.stderr.trim()).toBe('The findings are with the reviewer, so you cannot publish them now.');

    const approved = json<Status>(await run('visit', ['approve', visit.visitId, '--json']));
    expect(approved.state).toBe('factual-accuracy');
    const link = await run('visit-link', [visit.visitId, '--role', 'provider']);
    expect(link.code).toBe(0);
    expect(link.stdout.trim().startsWith(`${e.web}/factual-accuracy/${visit.visitId}?token=`), link.stdout).toBe(true);
    expect(link.stderr).toContain(contact.email);
    expect((await fetch(link.stdout.trim())).status).toBe(200);

    await runPublicationSchedule(e, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    const ready = json<Status>(await run('visit', ['status', visit.visitId, '--json']));
    expect(ready.state).toBe('ready');
    const noReason = await run('visit', ['publish', visit.visitId]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/The publication date is \d{4}-\d{2}-\d{2}: to publish early, give a reason\./);
    const published = json<Status>(await run('visit', ['publish', visit.visitId, '--reason', 'Needed for a court hearing', '--json']));
    expect(published.state).toBe('published');
    expect(published.public?.html).toMatch(/report\.html$/);
    expect(published.public?.pdf).toMatch(/report\.pdf$/);
    expect(published.history.at(-1)).toMatchObject({ state: 'published', reason: 'Needed for a court hearing' });
    expect(published.history.at(-1)?.by).toMatch(/^ops:/);
    expect((await fetch(published.public!.html)).status).toBe(200);

    const amendedText = await run('visit', ['amend', visit.visitId, '--reason', 'Corrected the provider name.']);
    expect(amendedText.code).toBe(0);
    expect(amendedText.stdout).toContain('Published, amended');
    expect(amendedText.stderr).toContain('Amended:');
    const withdrawn = json<Status>(await run('visit', ['withdraw', visit.visitId, '--reason', 'Published in error', '--json']));
    expect(withdrawn).toMatchObject({ state: 'withdrawn', public: null });
    const again = await run('visit', ['withdraw', visit.visitId, '--reason', 'Published in error']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Already done: nothing changed.');
  });

  it('visit and visit-link: a wrong or missing option gets one line and the usage, never a stack trace', async () => {
    const visit = await putVisit();
    const cases: [string, string[], RegExp][] = [
      [
        'visit',
        ['return', visit.visitId],
        /^Error: --reason is required: the comments for the inspector\.\nUsage: npm run visit -- return VISIT_ID --reason TEXT/,
      ],
      ['visit', ['amend', visit.visitId, '--reasn', 'x'], /^Error: Unknown option '--reasn'\.\nUsage: npm run visit -- amend/],
      ['visit', ['status'], /^Error: Missing VISIT_ID\.\nUsage: npm run visit -- status VISIT_ID \[--json\]/],
      ['visit', ['promote', visit.visitId], /^Unknown command "promote"\.\nUsage: npm run visit -- COMMAND VISIT_ID \[options\]\n\nCommands:\n {2}status /],
      ['visit', ['status', 'v-does-not-exist'], /^No visit v-does-not-exist\./],
      ['visit-link', [visit.visitId, '--role', 'boss'], /^Error: --role must be one of inspector, reviewer, provider \(got "boss"\)\./],
      ['visit-link', [visit.visitId, '--role', 'reviewer'], /has nothing to review \(no findings yet\)/],
    ];
    for (const [script, args, expected] of cases) {
      const r = await run(script, args);
      expect(r.code, `${script} ${args.join(' ')}`).toBe(1);
      expect(r.stderr, `${script} ${args.join(' ')}`).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('clock: moves the local cloud to a day and fires a schedule there, then back to real time; a wrong date or schedule gets the usage', async () => {
    try {
      const moved = json<{ now: string; ran: string | null }>(await run('clock', ['2020-09-21', '--run', 'dailyPublication', '--json']));
      expect(moved.now.startsWith('2020-09-21T08:0')).toBe(true);
      expect(moved.ran).toBe('dailyPublication');
    } finally {
      const reset = json<{ now: string }>(await run('clock', ['--reset', '--json']));
      expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(60_000);
    }
    for (const [args, expected] of [
      [['2020-02-30'], /^Error: The date must be a real date written YYYY-MM-DD \(got "2020-02-30"\)\.\nUsage: npm run clock --/],
      [['--run', 'nightly'], /^Error: --run must name a schedule: nightlyPrioritise, .*\(got "nightly"\)\.\nUsage:/],
      [['2020-09-21', '--reset'], /^Error: Give a date or --reset, not both\.\nUsage:/],
    ] as const) {
      const r = await run('clock', [...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(expected);
    }
  });
});
