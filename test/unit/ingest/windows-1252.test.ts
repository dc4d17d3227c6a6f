import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/ingest/decode';
import { decodeWindows1252 } from '../../../shared/ingest/windows-1252';

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function text(source: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const t of decodeText(source, 10_000_000)) out += t;
  return out;
}

describe('the Windows-1252 decoder', () => {
  it('decodes every byte as iconv-lite does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeWindows1252(all)).toBe(iconv.decode(Buffer.from(all), 'win1252'));
  });

  it('decodes what does not fit in one String.fromCharCode call', () => {
    const long = Uint8Array.from({ length: 100_000 }, (_, i) => 0x80 + (i % 0x80));
    expect(decodeWindows1252(long)).toBe(iconv.decode(Buffer.from(long), 'win1252'));
  });

  it('is what the import reads from a file Excel saved, across chunk boundaries', async () => {
    const body = 'name,town\r\nCafé – Ynys Môn,“Llangefni”\r\n';
    const bytes = iconv.encode(body, 'win1252');
    const parts = [bytes.subarray(0, 17), bytes.subarray(17, 18), bytes.subarray(18)];
    expect(await text(chunks(...parts))).toBe(body);
  });
});
