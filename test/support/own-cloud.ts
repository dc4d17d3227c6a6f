/**
 * A local cloud of a test file's own, for tests that read the whole programme: visits other test
 * files leave in the shared cloud (some with findings, so fixed in their week) would take the
 * capacity these tests measure. The handlers run in this worker, pointed at it; `stop` points the
 * worker back at the shared cloud.
 */
import { rmSync } from 'node:fs';
import { inject } from 'vitest';
import { applyEnvironment, startLocalCloud, type LocalCloud } from '../../infra/local/cloud';
import { scratchDataDir } from '../../infra/local/scratch-dir';
import { resetClients } from '../../shared/aws/clients';

export interface OwnCloud {
  readonly cloud: LocalCloud;
  stop(): Promise<void>;
}

export async function startOwnCloud(name: string): Promise<OwnCloud> {
  const dataDir = scratchDataDir(`visits-${name}-`);
  const cloud = await startLocalCloud({
    dataDir,
    ports: 'free',
    runSchedules: false,
    retryDelaysMs: [200, 400],
    sqsRedeliveryDelayMs: 200,
    log: process.env.LOCAL_CLOUD_LOG ? (l) => console.log(l) : undefined,
  });
  applyEnvironment(cloud.endpoints);
  resetClients();
  return {
    cloud,
    stop: async () => {
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
      applyEnvironment(inject('endpoints'));
      resetClients();
    },
  };
}
