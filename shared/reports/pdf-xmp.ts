/**
 * pdfkit writes the document information twice: into the Info dictionary (PDF strings, which it
 * escapes) and into the XMP metadata packet (XML, which it does not): a title with `<` or `&` made
 * the packet invalid XML. This escapes the values for the packet only, just before pdfkit writes
 * it (after the Info dictionary has taken the plain values), and puts the plain values back.
 */

/** XML character data: markup characters escaped, characters XML 1.0 does not allow removed. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  if (!('endMetadata' in doc) || typeof doc.endMetadata !== 'function') throw new Error('pdfkit internals changed: review escapeXmpInfo in pdf-xmp.ts');
  const endMetadata: () => void = doc.endMetadata.bind(doc);
  const info = doc.info;
  const TEXT_FIELDS = ['Producer', 'Creator', 'Title', 'Author', 'Subject', 'Keywords'] as const;
  Object.assign(doc, {
    endMetadata: () => {
      const plain = { ...info };
      for (const key of TEXT_FIELDS) {
        const value = info[key];
        if (value !== undefined) info[key] = xmlText(value);
      }
      try {
        endMetadata();
      } finally {
        Object.assign(info, plain);
      }
    },
  });
}
