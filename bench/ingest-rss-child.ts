/** Child process for the RSS measurement: one real import of an uploaded object, then its peak RSS. */
import { importObject } from '../shared/aws/import-adapter';

const [bucket, key] = process.argv.slice(2) as [string, string];
const report = await importObject(bucket, key, {
  progress: (p) =>
    process.stderr.write(
      p.stage === 'closing'
        ? '  closing providers absent from the snapshot ...\n'
        : `  ${p.rows.toLocaleString()} rows read, ${p.accepted.toLocaleString()} accepted\n`,
    ),
});
// maxRSS is in kilobytes. The emulators run in the parent process, so this is the import alone.
console.log(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), accepted: report.accepted }));
