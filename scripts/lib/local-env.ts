/** CLI scripts talk to the local cloud through the endpoints `npm start` wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { local } from '../../infra/catalogue';
import { applyEnvironment, type Endpoints } from '../../infra/local/cloud';

const endpointsFile = () => resolve(process.env.VISITS_ENDPOINTS_FILE ?? local.endpointsFile);

/** Why the local cloud's endpoints cannot be read (it is not running), in one line. */
export const missingEndpointsMessage = () => `${endpointsFile()} not found: start the local cloud first with \`npm start\` (in another terminal).`;

/** The local cloud's endpoints, applied to this process's environment; undefined when it is not running. */
export function findLocalEndpoints(): Endpoints | undefined {
  const file = endpointsFile();
  if (!existsSync(file)) return undefined;
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
  applyEnvironment(endpoints);
  return endpoints;
}

/** VISITS_ENDPOINTS_FILE points the scripts at another local cloud (the tests' one). */
export function loadLocalEndpoints(): Endpoints {
  const endpoints = findLocalEndpoints();
  if (!endpoints) {
    console.error(missingEndpointsMessage());
    process.exit(2);
  }
  return endpoints;
}

/** Progress on stderr, so --json output on stdout stays clean. */
export function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
}
export function progressDone(line?: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line ? `${line}\n` : ''}`);
  else if (line) process.stderr.write(`${line}\n`);
}

/**
 * Exit once stdout and stderr have drained. Writes to a pipe are asynchronous, so process.exit()
 * straight after printing a large JSON object would cut it off at the pipe's 64 KB buffer.
 */
export function exitAfterOutput(code: number): Promise<never> {
  return new Promise<never>(() => {
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
}
