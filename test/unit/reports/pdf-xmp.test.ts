import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../../shared/reports/pdf-xmp';
import { renderReportPdf } from '../../../shared/reports/render-pdf';
import { pdfInfo } from '../../support/pdf';
import { typicalReportModel } from '../../support/report-fixture';

/** The XMP packet: the PDF's one stream of /Subtype /XML, which pdfkit leaves uncompressed. */
function xmpPacketOf(pdf: Buffer): string {
  const match = /\/Subtype \/XML[\s\S]*?>>\s*stream\r?\n([\s\S]*?)\r?\nendstream/.exec(pdf.toString('latin1'));
  expect(match, 'the PDF has an XMP metadata stream').not.toBeNull();
  return Buffer.from(match![1]!, 'latin1').toString('utf8');
}

describe('the PDF metadata (XMP)', () => {
  it('is well-formed XML when the title holds <, & and quotes, and says the title as it is', async () => {
    const title = `Visit to Ty <Gwyn> & "Bryn" Children's Home`;
    const pdf = await renderReportPdf({ ...typicalReportModel(), title });
    const xmp = xmpPacketOf(pdf);
    expect(XMLValidator.validate(xmp)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true, removeNSPrefix: true, processEntities: true }).parse(
      xmp,
    ) as {
      xmpmeta: { RDF: { Description: { title?: { Alt: { li: string } } }[] } };
    };
    const titles = parsed.xmpmeta.RDF.Description.flatMap((d) => (d.title ? [d.title.Alt.li] : []));
    expect(titles).toEqual([title]);
    // The Info dictionary keeps the plain title (a PDF string, escaped by pdfkit its own way).
    expect((await pdfInfo(pdf)).title).toBe(title);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(xmlText('bell\u0007 and lone \uD800 surrogate, Welsh ŵ ŷ kept')).toBe('bell and lone  surrogate, Welsh ŵ ŷ kept');
  });
});
