/** CLI scripts talk to the local cloud through the endpoints `npm start` wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { local } from '../../infra/catalogue';
import { applyEnvironment, type Endpoints } from '../../infra/local/cloud';

/** VISITS_ENDPOINTS_FILE points the scripts at another local cloud (the tests' one). */
export function loadLocalEndpoints(): Endpoints {
  const file = resolve(process.env.VISITS_ENDPOINTS_FILE ?? local.endpointsFile);
  if (!existsSync(file)) {
    console.error(`${file} not found: start the local cloud first with \`npm start\` (in another terminal).`);
    process.exit(2);
  }
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
  applyEnvironment(endpoints);
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
