/**
 * npx tsx bench/parse-import.ts [ROWS]     (default 1,000,000)
 * The CSV import's parser alone, no storage: a generated provider file of ROWS rows, read from disk
 * through decode -> CSV records -> header and kind -> row schema -> entity, with the ingest
 * function's memory flags. Prints rows/s and the process's peak RSS. For the whole path with
 * DynamoDB, `npm run bench -- ingest`.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functions, limits } from '../infra/catalogue';
import { runProcess } from '../scripts/lib/run-process';
import { parseImport } from '../shared/ingest/parse-import';
import { syntheticProviderCsv } from '../test/support/synthetic-providers';

async function writeCsv(rows: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const line of syntheticProviderCsv(rows, 42)) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const [rowsArg, child] = process.argv.slice(2);

if (child) {
  const started = performance.now();
  let rows = 0;
  const options = { maxBytes: limits.importMaxBytes, maxRowChars: limits.importMaxRowChars, snapshotId: 'bench' };
  for await (const ev of parseImport(createReadStream(child), options)) if (ev.type === 'row') rows++;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      rows,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} else {
  const rows = Number(rowsArg ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'visits-parse-bench-'));
  try {
    const file = join(dir, 'providers.csv');
    await writeCsv(rows, file);
    const flags = (functions.ingestImport.nodeOptions ?? '').split(' ').filter(Boolean);
    const out = await runProcess(process.execPath, [...flags, '--import', 'tsx', import.meta.filename, String(rows), file]);
    process.stdout.write(out.stdout || out.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
