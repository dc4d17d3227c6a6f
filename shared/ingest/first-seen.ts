/**
 * Remembers the line on which each key (URN, signal id, ...) was first seen in one import, to name
 * it when a later row repeats it. A 1,000,000-row file means a million entries, so URN-shaped keys
 * (up to 8 digits, optionally after "SC") are held as small integers rather than strings: the
 * digit count is part of the number, so "SC035690" and "SC35690" stay distinct.
 */
export class FirstSeen {
  private readonly compact = new Map<number, number>();
  private readonly other = new Map<string, number>();

  get(key: string): number | undefined {
    const n = compactKey(key);
    return n === undefined ? this.other.get(key) : this.compact.get(n);
  }

  set(key: string, line: number): void {
    const n = compactKey(key);
    if (n === undefined) this.other.set(key, line);
    else this.compact.set(n, line);
  }

  get size(): number {
    return this.compact.size + this.other.size;
  }
}

const DIGITS = /^(SC)?(\d{1,8})$/;

/** A small integer (a V8 Smi: no allocation) for keys like "1234567" or "SC035690", else undefined. */
export function compactKey(key: string): number | undefined {
  const m = DIGITS.exec(key);
  if (!m) return undefined;
  const digits = m[2]!;
  const value = digits.length * 100_000_000 + Number(digits);
  return m[1] ? -value : value;
}
