/**
 * Vitest global setup for the integration, fault and browser suites: one local cloud on free
 * ports with a throw-away data folder, shared by every test file. Test files reach it through
 * `inject('endpoints')` (see test/support/cloud.ts).
 */
import { rmSync } from 'node:fs';
import { scratchDataDir } from '../../infra/local/scratch-dir';
import type { TestProject } from 'vitest/node';
import { startLocalCloud, type Endpoints } from '../../infra/local/cloud';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: Endpoints;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Handler logs in the tests: warnings and errors only (LOCAL_CLOUD_LOG=1 shows the cloud's own log).
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const dataDir = scratchDataDir('visits-test-');
  const cloud = await startLocalCloud({
    dataDir,
    ports: 'free',
    runSchedules: false,
    // Lambda retries async events after about 1 and 2 minutes; tests keep the shape, not the wait.
    retryDelaysMs: [200, 400],
    sqsRedeliveryDelayMs: 200,
    // The fault tests fail chosen SDK calls of the handlers (test/faults, infra/local/faults.ts).
    faultInjection: true,
    log: process.env.LOCAL_CLOUD_LOG ? (l) => console.log(l) : undefined,
  });
  project.provide('endpoints', cloud.endpoints);
  return async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
