/**
 * The season in a process of its own: the functions load with the logging Lambda gives them
 * (JSON lines at INFO, metrics as EMF, not the local pretty-printing), and the meter's hooks on
 * the SDK clients, the invoker and stdout stay out of the other benchmarks.
 * Usage: tsx bench/cost/season-child.ts OUT_FILE VISITS NIGHTLY_RUNS
 */
import { writeFileSync } from 'node:fs';
import { runSeason } from './season';

const [outFile, visits, nightlyRuns] = process.argv.slice(2);
if (!outFile || !visits || !nightlyRuns) {
  process.stderr.write('Usage: tsx bench/cost/season-child.ts OUT_FILE VISITS NIGHTLY_RUNS\n');
  process.exit(2);
}
// As deployed: Powertools' defaults (INFO, JSON), no tracing daemon to talk to.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
const season = await runSeason({ visits: Number(visits), nightlyRuns: Number(nightlyRuns), log: (line) => process.stderr.write(`${line}\n`) });
writeFileSync(outFile, JSON.stringify(season, null, 2));
process.exit(0);
