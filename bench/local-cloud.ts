/** Benchmarks run against their own local cloud (free ports, throw-away data) so they never touch .local/. */
import { rmSync } from 'node:fs';
import { scratchDataDir } from '../infra/local/scratch-dir';
import { startLocalCloud, type LocalCloud } from '../infra/local/cloud';
import { resetClients } from '../shared/aws/clients';

export async function withLocalCloud<T>(fn: (cloud: LocalCloud) => Promise<T>): Promise<T> {
  const dataDir = scratchDataDir('visits-bench-');
  const cloud = await startLocalCloud({ dataDir, ports: 'free', runSchedules: false, retryDelaysMs: [200, 400], sqsRedeliveryDelayMs: 200 });
  resetClients();
  try {
    return await fn(cloud);
  } finally {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
