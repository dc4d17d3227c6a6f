/**
 * A throw-away data folder for tests and benchmarks. On Linux it goes in /dev/shm (memory):
 * DynamoDB Local's SQLite commits every write to its file, and on a disk those syncs, not the
 * emulator, dominate an import. The data still survives a DynamoDB Local restart (fault tests).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function scratchDataDir(prefix: string): string {
  const base = process.env.LOCAL_CLOUD_SCRATCH ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  return mkdtempSync(join(base, prefix));
}
