/**
 * A streaming Windows-1252 decoder (what Excel saves as "CSV (Comma delimited)").
 *
 * Why not a library at run time: iconv-lite brings every single-byte code page's table (about 90 KB
 * of the import function's bundle, parsed at each cold start) for one 32-entry table; and
 * TextDecoder('windows-1252') depends on the Node version (Node 20, which package.json's engines
 * allow, decodes it as Latin-1: 0x80 becomes U+0080, not the euro sign). The unit test checks
 * every byte against iconv-lite, which stays a development dependency for that.
 * Bytes 0x00-0x7F and 0xA0-0xFF are the same code points; 0x80-0x9F follow the table below, and
 * the five bytes Windows-1252 leaves undefined become U+FFFD.
 */
const HIGH: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

const CHUNK = 8192; // String.fromCharCode's argument count stays well inside the stack limit

/** The text of Windows-1252 bytes. One byte is one character, so chunks decode independently. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80]! : b;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += CHUNK) text += String.fromCharCode(...codes.subarray(i, i + CHUNK));
  return text;
}
