/**
 * Where the functions' logs go under `npm start`: the handlers run in the start process, so their
 * output (Powertools' JSON lines, and anything else they print) is this process's stdout and
 * stderr. captureLogs() sends each write to .local/logs/<function>.log when a handler made it (the
 * invoker runs each invocation inside `runningFunction`), or to local-cloud.log otherwise, and
 * gives back a writer for the terminal, so the start-up messages and the URLs stay readable.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { FunctionId } from '../catalogue';

/** The function whose invocation is running (set by LocalInvoker around each handler call). */
export const runningFunction = new AsyncLocalStorage<FunctionId>();

export interface CapturedLogs {
  /** Write to the terminal (the real stdout). */
  readonly terminal: (text: string) => void;
  readonly dir: string;
  /** Put stdout and stderr back. */
  restore(): void;
}

type Write = typeof process.stdout.write;

export function captureLogs(dir: string): CapturedLogs {
  mkdirSync(dir, { recursive: true });
  const streams = new Map<string, WriteStream>();
  const file = (name: string) => {
    let s = streams.get(name);
    if (!s) streams.set(name, (s = createWriteStream(join(dir, `${name}.log`), { flags: 'a' })));
    return s;
  };
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  const toFile = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((err?: Error | null) => void), cb?: (err?: Error | null) => void) => {
    const done = typeof encoding === 'function' ? encoding : cb;
    file(runningFunction.getStore() ?? 'local-cloud').write(chunk, typeof encoding === 'string' ? encoding : 'utf8', done);
    return true;
  }) as Write;
  process.stdout.write = toFile;
  process.stderr.write = toFile;
  return {
    terminal: (text) => void stdoutWrite(text),
    dir,
    restore: () => {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
      for (const s of streams.values()) s.end();
    },
  };
}
