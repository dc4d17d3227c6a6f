/**
 * The bad-input corpus for CSV imports (cases in import-cases.ts): each file must end in a
 * specific message (what, where, how to fix) and never a crash, and the valid rows beside the bad
 * ones must all be accepted.
 */
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImport } from '../../shared/ingest/parse-import';
import { safeCell } from '../../shared/prioritise/render';
import { earlierCases, goodSignal, hardeningCases, intel, type ImportCase } from './import-cases';

interface Outcome {
  readonly text: string;
  readonly rows: number;
  readonly kind?: string;
}

async function importOutcome(c: Pick<ImportCase, 'input' | 'maxBytes' | 'maxRowChars'>): Promise<Outcome> {
  const bytes = typeof c.input === 'string' ? new TextEncoder().encode(c.input) : c.input;
  async function* source() {
    // Arrive in awkward chunks, as a stream does.
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  let rows = 0;
  let kind: string | undefined;
  const lines: string[] = [];
  try {
    for await (const ev of parseImport(source(), { maxBytes: c.maxBytes ?? 1024 * 1024 * 1024, maxRowChars: c.maxRowChars ?? 100_000, snapshotId: 'corpus' })) {
      if (ev.type === 'kind') {
        kind = ev.kind;
        lines.push(`kind ${ev.kind}${ev.asAt ? ` as at ${ev.asAt}` : ''}`);
      }
      if (ev.type === 'row') rows++;
      if (ev.type === 'rejected') lines.push(`line ${ev.rejection.line}${ev.rejection.column ? `, ${ev.rejection.column}` : ''}: ${ev.rejection.reason}`);
    }
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err; // anything else is a crash
    lines.push(err.message);
  }
  return { text: lines.join('\n'), rows, ...(kind ? { kind } : {}) };
}

describe('corpus: CSV imports', () => {
  for (const c of [...earlierCases, ...hardeningCases]) {
    it(`${c.name} -> a specific message${c.accepted !== undefined ? `, the ${c.accepted} valid row(s) kept` : ''}`, async () => {
      const out = await importOutcome(c);
      expect(out.text, JSON.stringify(out).slice(0, 500)).toMatch(c.expected);
      if (c.accepted !== undefined) expect(out.rows).toBe(c.accepted);
      if (c.kind !== undefined) expect(out.kind).toBe(c.kind);
    });
  }

  it('formula-injection cells are stored as text and come out of every CSV export quoted', async () => {
    const out = await importOutcome({ input: intel(goodSignal, 'SIG-2,01/02/2020,SC000002,,complaint,1,,"=HYPERLINK(""http://evil"",""x"")",@SUM(A1)') });
    expect(out.rows).toBe(2);
    for (const cell of ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1']) expect(String(safeCell(cell)).startsWith("'")).toBe(true);
  });
});
