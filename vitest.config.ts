import { defineConfig } from 'vitest/config';

/**
 * Test projects:
 * - unit: pure domain logic and CDK assertions, no emulators.
 * - integration: handlers against the real emulators (DynamoDB Local, s3rver, aws-ses-v2-local),
 *   started once by the global setup on free ports with a throw-away data folder.
 * - browser: headless Chromium (Debian chromium + playwright-core) against the local web server.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts', 'test/corpus/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/load/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/support/local-cloud.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' },
        },
      },
    ],
  },
});
