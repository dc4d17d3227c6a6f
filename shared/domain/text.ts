/**
 * One check for all free text that comes in at the edges (CSV cells, findings, comments, reasons):
 * what a person could not see or did not mean to type is refused, naming where it is.
 * - Everywhere: C0 and C1 control characters other than tab and line breaks, and bidirectional
 *   overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make text read differently
 *   from what it says ("Trojan Source").
 * - In names (of providers, people, places): also zero-width characters and direction marks,
 *   which make two names that look the same compare different.
 */
export type TextKind = 'name' | 'free';

interface Rule {
  readonly pattern: RegExp;
  readonly what: string;
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters refused
const CONTROL: Rule = { pattern: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u, what: 'a control character' };
const BIDI: Rule = { pattern: /[\u202A-\u202E\u2066-\u2069]/u, what: 'a text-direction override' };
const INVISIBLE: Rule = { pattern: /[\u200B-\u200F\u2060-\u2064\uFEFF\u180E\u061C\u00AD]/u, what: 'an invisible character' };

const RULES: Record<TextKind, readonly Rule[]> = { free: [CONTROL, BIDI], name: [CONTROL, BIDI, INVISIBLE] };

export interface TextProblem {
  /** 1-based position in the text, in characters. */
  readonly position: number;
  /** e.g. "U+202E". */
  readonly codePoint: string;
  readonly what: string;
  /** A sentence: what, where, how to fix. */
  readonly message: string;
}

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character the text may not hold, or undefined when it is clean. */
export function textProblem(text: string, kind: TextKind = 'free'): TextProblem | undefined {
  let first: TextProblem | undefined;
  for (const rule of RULES[kind]) {
    const m = rule.pattern.exec(text);
    if (!m || (first && first.position <= m.index + 1)) continue;
    const codePoint = hex(m[0]);
    first = {
      position: m.index + 1,
      codePoint,
      what: rule.what,
      message: `holds ${rule.what} (${codePoint}) at position ${m.index + 1}: remove it (it is usually pasted in by accident)`,
    };
  }
  return first;
}

/** Line breaks as one LF (a form's textarea sends CRLF), for storing and comparing text. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
