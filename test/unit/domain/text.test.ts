import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailAddressProblem } from '../../../shared/domain/email-address';
import { normaliseLineBreaks, textProblem } from '../../../shared/domain/text';

describe('free text at the edges', () => {
  it('refuses control characters and direction overrides, saying where', () => {
    expect(textProblem('Sunny\u0085side')).toMatchObject({ position: 6, codePoint: 'U+0085', what: 'a control character' });
    expect(textProblem('abc\u202Efdp.exe')).toMatchObject({ position: 4, codePoint: 'U+202E', what: 'a text-direction override' });
    expect(textProblem('x\u2066y')?.codePoint).toBe('U+2066');
    expect(textProblem('bell\u0007')?.message).toBe('holds a control character (U+0007) at position 5: remove it (it is usually pasted in by accident)');
  });

  it('keeps tabs, line breaks, accents, Welsh letters and emoji in free text', () => {
    for (const ok of ['Line one\nLine two\r\n\tindented', 'Ysgol Gymraeg Bro Ŵyr', 'Café – “quoted” – 👍🏽', 'עברית ومرحبا'])
      expect(textProblem(ok)).toBeUndefined();
  });

  it('refuses zero-width characters and direction marks in names only', () => {
    expect(textProblem('Oak\u200BHouse', 'free')).toBeUndefined();
    expect(textProblem('Oak\u200BHouse', 'name')).toMatchObject({ position: 4, what: 'an invisible character' });
    expect(textProblem('Oak House\u200F', 'name')?.codePoint).toBe('U+200F');
  });

  it('reports the first problem in the text whatever its kind', () => {
    expect(textProblem('a\u200Bb\u0001', 'name')?.position).toBe(2);
    expect(textProblem('a\u0001b\u200B', 'name')?.position).toBe(2);
  });

  it('finds a refused character wherever it is put in otherwise clean text, at its position', () => {
    // eslint-disable-next-line no-control-regex -- removes the control characters the test then inserts
    const clean = fc.string({ unit: 'grapheme-ascii' }).map((s) => s.replace(/[\u0000-\u001F\u007F]/g, ''));
    const refused = fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F', '\u202A', '\u202E', '\u2066', '\u2069');
    fc.assert(
      fc.property(clean, clean, refused, (before, after, bad) => {
        expect(textProblem(before + after)).toBeUndefined();
        expect(textProblem(before + bad + after)?.position).toBe(before.length + 1);
      }),
    );
  });

  it('turns CRLF and CR into LF', () => {
    expect(normaliseLineBreaks('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});

describe('email addresses as SES takes them', () => {
  it('accepts ordinary addresses', () => {
    for (const ok of ['ann.smith@leeds.gov.uk', 'a+tag@x.co', "o'brien@council.gov.uk", 'x@sub.domain-name.org'])
      expect(emailAddressProblem(ok)).toBeUndefined();
  });

  it('refuses what SES would refuse, with the reason', () => {
    expect(emailAddressProblem('ａnn@leeds.gov.uk')).toMatch(/not a plain ASCII character/);
    expect(emailAddressProblem(`${'a'.repeat(600)}@leeds.gov.uk`)).toMatch(/254/);
    expect(emailAddressProblem(`${'a'.repeat(65)}@leeds.gov.uk`)).toMatch(/65 characters before the @/);
    expect(emailAddressProblem('ann@leeds')).toMatch(/domain name/);
    expect(emailAddressProblem('ann@-leeds.gov.uk')).toMatch(/domain name/);
    expect(emailAddressProblem('a..b@leeds.gov.uk')).toMatch(/before the @/);
    expect(emailAddressProblem('ann@@leeds.gov.uk')).toMatch(/one @/);
    expect(emailAddressProblem('ann smith@leeds.gov.uk')).toMatch(/space/);
    expect(emailAddressProblem('')).toMatch(/empty/);
  });
});
