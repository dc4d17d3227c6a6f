/**
 * The load test at CI size (LOAD_SUBMISSIONS, LOAD_ROWS to change it); the full size (1,000
 * submissions and a 100,000-row import) runs with `npm run bench -- load`.
 */
import { expect, it } from 'vitest';
import { runLoad } from '../../bench/load';
import { useLocalCloud } from '../support/cloud';

it('processes every submission and every row when findings and an import arrive at once: nothing lost, nothing twice', async () => {
  const e = useLocalCloud();
  const result = await runLoad(e, {
    submissions: Number(process.env.LOAD_SUBMISSIONS ?? 100),
    rows: Number(process.env.LOAD_ROWS ?? 5_000),
    log: (l) => console.log(l),
  });
  expect(result.lost).toBe(0);
  expect(result.duplicates).toBe(0);
  expect(result.submissionsAccepted).toBe(result.submissions);
  expect(result.rowsStored).toBe(result.rows);
}, 900_000);
