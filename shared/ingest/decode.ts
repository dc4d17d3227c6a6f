/**
 * Bytes -> text for CSV imports, streaming: UTF-8 (with or without a byte-order mark) or
 * Windows-1252 (what Excel saves), told apart from the first 64 KB; binary files and UTF-16 are
 * refused with a clear message, and the size limit is enforced as bytes arrive.
 */
import { decodeWindows1252 } from './windows-1252';

/** The whole file is refused; the message says what is wrong, where, and how to fix it. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const SNIFF_BYTES = 64 * 1024;

type Encoding = 'utf8' | 'win1252';

function sniff(head: Uint8Array, final: boolean): Encoding {
  if (head.length === 0) throw new ImportFileError('The file is empty. Upload a CSV file with a header row and at least one data row.');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ImportFileError('The file is UTF-16 text. Save it as "CSV UTF-8 (Comma delimited)" and upload it again.');
  }
  const nul = head.indexOf(0);
  if (nul !== -1)
    throw new ImportFileError(`This is not a CSV text file: it holds binary data (a zero byte at byte ${nul + 1}). Export the sheet as CSV and upload that.`);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !final });
    return 'utf8';
  } catch {
    return 'win1252';
  }
}

const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** A decoder for the encoding the head of the file shows; the byte-order mark is dropped. */
function decoderFor(head: Uint8Array, final: boolean): { write: (b: Uint8Array) => string; end: () => string; head: Uint8Array } {
  const encoding = sniff(head, final);
  const body = hasBom(head) ? head.subarray(3) : head;
  if (encoding === 'utf8') {
    const utf8 = new TextDecoder('utf-8');
    return { write: (b) => utf8.decode(b, { stream: true }), end: () => utf8.decode(), head: body };
  }
  return { write: decodeWindows1252, end: () => '', head: body };
}

function tooLarge(maxBytes: number): ImportFileError {
  return new ImportFileError(
    `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit for one import. Split it into smaller files and upload each.`,
  );
}

/** Decoded text chunks from the raw bytes, with the size limit enforced as bytes arrive. */
export async function* decodeText(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  let total = 0;
  const pending: Uint8Array[] = [];
  let decoder: ReturnType<typeof decoderFor> | undefined;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    if (!decoder) {
      pending.push(chunk);
      if (total < SNIFF_BYTES) continue;
      decoder = decoderFor(Buffer.concat(pending), false);
      yield decoder.write(decoder.head);
      continue;
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) throw new ImportFileError(`This is not a CSV text file: it holds binary data (a zero byte at byte ${total - chunk.length + nul + 1}).`);
    yield decoder.write(chunk);
  }
  if (!decoder) {
    decoder = decoderFor(Buffer.concat(pending), true);
    yield decoder.write(decoder.head);
  }
  yield decoder.end();
}
