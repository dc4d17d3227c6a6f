/**
 * The PDF documents (the public report and the restricted briefing), drawn with pdfkit from the
 * same model as the HTML: A4, embedded DejaVu fonts
 * (so Welsh and other diacritics render), a heading hierarchy that is also the PDF outline and
 * the tagged structure, text that paginates on its own, and "Page N of M" on every page.
 * The creation date is the publication time, so a repeat render gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { pdfFontBytes } from './fonts';
import { escapeXmpInfo } from './pdf-xmp';
import type { Briefing, PublicReport, ReportFact } from './report-model';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGIN = { top: 64, bottom: 72, left: 64, right: 64 };
const SIZES = { h1: 22, h2: 16, h3: 12.5, body: 11, small: 9 } as const;
const INK = '#0b0c0c';
const GREY = '#505a5f';
const BLUE = '#1d70b8';

class PdfWriter {
  private currentH2: PDFKit.PDFOutline | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
  ) {}

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  /** Keep a heading with at least a few lines of what follows it. */
  private keepWithNext(space: number): void {
    if (this.doc.y + space > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  private block(type: string, draw: () => void): void {
    this.root.add(this.doc.struct(type, {}, draw));
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? SIZES.h1 : level === 2 ? SIZES.h2 : SIZES.h3;
    this.keepWithNext(size * 5);
    if (level > 1) this.doc.moveDown(level === 2 ? 0.9 : 0.5);
    this.block(`H${level}`, () => {
      this.doc.font('Bold').fontSize(size).fillColor(INK).text(text, MARGIN.left, this.doc.y, { width: this.width });
    });
    this.doc.moveDown(0.35);
    if (level === 1) this.doc.outline.addItem(text);
    else if (level === 2) this.currentH2 = this.doc.outline.addItem(text);
    else (this.currentH2 ?? this.doc.outline).addItem(text);
  }

  paragraph(text: string, options: { colour?: string; size?: number; bold?: boolean } = {}): void {
    this.block('P', () => {
      this.doc
        .font(options.bold ? 'Bold' : 'Body')
        .fontSize(options.size ?? SIZES.body)
        .fillColor(options.colour ?? INK)
        .text(text, MARGIN.left, this.doc.y, { width: this.width, lineGap: 2.5 });
    });
    this.doc.moveDown(0.45);
  }

  bullets(items: readonly string[]): void {
    for (const item of items) {
      this.keepWithNext(SIZES.body * 2);
      this.block('LI', () => {
        const y = this.doc.y;
        this.doc.font('Body').fontSize(SIZES.body).fillColor(INK);
        this.doc.circle(MARGIN.left + 4, y + 6, 2).fill(INK);
        this.doc.text(item, MARGIN.left + 16, y, { width: this.width - 16, lineGap: 2.5 });
      });
      this.doc.moveDown(0.3);
    }
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.2);
  }

  facts(list: readonly ReportFact[]): void {
    for (const f of list) {
      this.keepWithNext(SIZES.body * 2);
      this.block('P', () => {
        this.doc
          .font('Bold')
          .fontSize(SIZES.body)
          .fillColor(INK)
          .text(`${f.label}: `, MARGIN.left, this.doc.y, { width: this.width, continued: true, lineGap: 2.5 });
        this.doc.font('Body').text(f.value);
      });
      this.doc.moveDown(0.25);
    }
    this.doc.moveDown(0.3);
  }

  /** GOV.UK's warning text: a bold statement behind a thick left rule. */
  warning(text: string): void {
    this.keepWithNext(40);
    const y = this.doc.y;
    this.doc.font('Bold').fontSize(SIZES.body + 1);
    const height = this.doc.heightOfString(text, { width: this.width - 20 });
    this.doc.rect(MARGIN.left, y - 2, 5, height + 4).fill(INK);
    this.block('P', () => {
      this.doc.fillColor(INK).text(text, MARGIN.left + 16, y, { width: this.width - 16 });
    });
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.6);
  }

  rule(): void {
    this.doc
      .moveTo(MARGIN.left, this.doc.y)
      .lineTo(MARGIN.left + this.width, this.doc.y)
      .lineWidth(0.75)
      .strokeColor(BLUE)
      .stroke();
    this.doc.moveDown(0.6);
  }
}

/** The public report's sections, in the order of the HTML (report/_body.njk). */
function writeBody(w: PdfWriter, m: PublicReport, level: 2 | 3): void {
  w.heading(level, m.kind === 'provider' ? 'Provider details' : 'Local authority');
  w.facts(m.details);
  w.heading(level, 'The visit');
  w.facts([
    { label: 'Dates', value: m.visitDates },
    { label: 'How the visit was done', value: m.method },
  ]);
  w.heading(level, 'What is going well');
  listOr(w, m.goingWell, 'Inspectors did not list anything here.');
  w.heading(level, 'What needs to improve');
  listOr(w, m.needsToImprove, 'Inspectors did not identify anything that needs to improve.');
  if (m.kind === 'provider') {
    w.heading(level, 'Requirements');
    listOr(
      w,
      m.requirements.map((r) => `${r.text}${r.regulation ? ` (${r.regulation})` : ''}. Due by ${r.dueDate}.`),
      'Inspectors set no requirements.',
    );
  }
  w.heading(level, 'Recommendations');
  listOr(w, m.recommendations, 'Inspectors made no recommendations.');
  if (m.kind === 'provider') {
    w.heading(level, 'Enforcement action taken');
    listOr(w, m.enforcementTaken, 'No enforcement action has been taken.');
  }
  for (const s of m.narrative) {
    w.heading(level, s.heading);
    for (const p of s.paragraphs) w.paragraph(p);
  }
  w.heading(level, 'Earlier inspections');
  w.paragraph('These judgements are from earlier inspections, not from this visit.', { colour: GREY, size: SIZES.small + 1 });
  w.facts(m.earlierJudgements);
  if (m.laContext.length) {
    w.heading(3, 'The local authority');
    w.facts(m.laContext);
  }
}

function listOr(w: PdfWriter, items: readonly string[], empty: string): void {
  if (items.length) w.bullets(items);
  else w.paragraph(empty);
}

function writeReport(w: PdfWriter, m: PublicReport): void {
  w.paragraph(m.kind === 'provider' ? 'Visit report: regulated service' : "Visit report: local authority children's services", {
    colour: GREY,
    size: SIZES.body,
  });
  w.heading(1, m.title);
  w.rule();
  if (m.amendment) w.warning(`This report was amended on ${m.amendment.on}: ${m.amendment.note}`);
  w.paragraph(
    'This visit was not graded. The report says what is going well and what needs to improve. Any judgements shown are from earlier inspections and are labelled as such.',
  );
  w.paragraph(`Published ${m.publishedOn}. Visit reference ${m.visitId}.`, { colour: GREY, size: SIZES.small + 1 });
  writeBody(w, m, 2);
}

function writeBriefing(w: PdfWriter, b: Briefing): void {
  const { report: m, restricted: x } = b;
  w.paragraph('Commissioner briefing: restricted', { colour: GREY, size: SIZES.body });
  w.heading(1, m.title);
  w.rule();
  w.warning('For commissioners placing children with this service or in this area only. Do not forward or publish.');
  w.paragraph(`Visit reference ${m.visitId}. Public report published ${m.publishedOn}${m.edition > 1 ? ` (edition ${m.edition})` : ''}.`, {
    colour: GREY,
    size: SIZES.small + 1,
  });
  w.heading(2, 'Restricted: for commissioners');
  w.heading(3, 'Serious concerns');
  if (x.seriousConcerns.raised) {
    w.warning('Inspectors found serious concerns during this visit.');
    for (const p of x.seriousConcerns.description) w.paragraph(p);
  } else w.paragraph('Inspectors did not find serious concerns during this visit.');
  if (m.kind === 'provider') {
    w.heading(3, 'Enforcement being considered');
    w.paragraph(x.enforcementConsidered ?? 'None');
  }
  w.heading(3, 'Recent concerns considered');
  listOr(
    w,
    x.recentConcerns.map((c) => `${c.date}, ${c.type}${c.summary ? `: ${c.summary}` : ''}`),
    'No concerns were received in the 12 months before the visit.',
  );
  w.heading(3, 'Notes from inspectors for commissioners');
  if (x.notes.length) for (const p of x.notes) w.paragraph(p);
  else w.paragraph('None.');
  w.heading(3, 'Places');
  w.paragraph(x.places);
  w.heading(3, 'Where the service is');
  w.facts(x.whereabouts);
  w.heading(2, 'The public report');
  writeBody(w, m, 3);
}

/**
 * "Page N of M" and the report's name on every page, marked as artifacts (not read aloud as
 * content); a briefing also carries its marking at the top and the bottom of every page.
 */
function paginate(doc: Doc, m: PublicReport, marking?: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    const top = doc.page.margins.top;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    doc.page.margins.top = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('Body')
      .fontSize(SIZES.small)
      .fillColor(GREY)
      .text(`${m.title} (${m.visitId})`, MARGIN.left, doc.page.height - 48, { width: width * 0.75, lineBreak: false, ellipsis: true })
      .text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN.left, doc.page.height - 48, { width, align: 'right', lineBreak: false });
    if (marking) {
      doc.font('Bold').fontSize(SIZES.body).fillColor(INK);
      doc.text(marking, MARGIN.left, 28, { width, align: 'center', lineBreak: false });
      doc.text(marking, MARGIN.left, doc.page.height - 32, { width, align: 'center', lineBreak: false });
    }
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
    doc.page.margins.top = top;
  }
}

/**
 * pdfkit parses each font file anew for every document (fontkit.create), which was half the time
 * of a PDF. The fonts are parsed once per container, and each document gets its own embedded font
 * objects (each with its own subset) made from them, exactly as pdfkit's font factory makes them.
 * This leans on pdfkit internals (pinned version; the PDF tests would catch a change).
 */
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: unknown, id: string) => unknown;
interface PdfKitFontInternals {
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  _font: { font: unknown; constructor: EmbeddedFontClass } | null;
}
const FONT_FILES = { Body: 'DejaVuSans.ttf', Bold: 'DejaVuSans-Bold.ttf', Italic: 'DejaVuSans-Oblique.ttf' } as const;
type FontName = keyof typeof FONT_FILES;
const FONT_NAMES = Object.keys(FONT_FILES) as FontName[];
let parsedFonts: { EmbeddedFont: EmbeddedFontClass; fonts: Map<FontName, unknown> } | undefined;

/** The font files, read once per container rather than once per PDF. */
const fontBytes = new Map<FontName, Buffer>();
function fontFile(name: FontName): Buffer {
  let bytes = fontBytes.get(name);
  if (!bytes) fontBytes.set(name, (bytes = pdfFontBytes(FONT_FILES[name])));
  return bytes;
}

interface FontkitGlyphInternals {
  _decode: () => unknown;
}
interface FontkitFontInternals {
  _getBaseGlyph: (id: number, characters?: number[]) => FontkitGlyphInternals | null;
}

/**
 * fontkit decodes a glyph's whole outline each time a document's font subset includes it (only to
 * see whether it is a composite glyph): a tenth of a PDF's time. A glyph's outline never changes
 * (these fonts have no variations), so each glyph of the shared fonts is decoded once.
 */
function decodeGlyphsOnce(font: FontkitFontInternals): void {
  if (typeof font._getBaseGlyph !== 'function') throw new Error('fontkit internals changed: review decodeGlyphsOnce in render-pdf.ts');
  const baseGlyph = font._getBaseGlyph.bind(font);
  const memoised = new WeakSet<FontkitGlyphInternals>();
  font._getBaseGlyph = (id, characters) => {
    const glyph = baseGlyph(id, characters);
    if (glyph && !memoised.has(glyph)) {
      memoised.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}

function parseFontsOnce(): NonNullable<typeof parsedFonts> {
  if (parsedFonts) return parsedFonts;
  const scratch = new PDFDocument({ font: '' });
  const internals = scratch as unknown as PdfKitFontInternals;
  const fonts = new Map<FontName, unknown>();
  for (const name of FONT_NAMES) {
    scratch.registerFont(name, fontFile(name));
    scratch.font(name);
    fonts.set(name, internals._font?.font);
  }
  const EmbeddedFont = internals._font?.constructor;
  if (typeof EmbeddedFont !== 'function' || [...fonts.values()].some((f) => !f))
    throw new Error('pdfkit font internals changed: review useParsedFonts in render-pdf.ts');
  for (const font of fonts.values()) decodeGlyphsOnce(font as FontkitFontInternals);
  parsedFonts = { EmbeddedFont, fonts };
  return parsedFonts;
}

/**
 * pdfkit lays text out word by word and caches each word's glyphs per document. The cache is
 * shared across the documents a container renders (words recur from report to report; glyph ids
 * and positions depend only on the font), and started afresh every 100 documents to bound memory.
 */
const LAYOUT_CACHE_DOCUMENTS = 100;
let layoutCaches = new Map<string, Record<string, unknown>>();
let documentsOnLayoutCache = 0;
function sharedLayoutCache(name: string): Record<string, unknown> {
  let cache = layoutCaches.get(name);
  if (!cache) layoutCaches.set(name, (cache = Object.create(null) as Record<string, unknown>));
  return cache;
}

function useParsedFonts(doc: PDFKit.PDFDocument): void {
  const { EmbeddedFont, fonts } = parseFontsOnce();
  const internals = doc as unknown as PdfKitFontInternals;
  if (++documentsOnLayoutCache > LAYOUT_CACHE_DOCUMENTS) {
    layoutCaches = new Map();
    documentsOnLayoutCache = 1;
  }
  for (const name of FONT_NAMES) {
    doc.registerFont(name, fontFile(name)); // doc.font(name) resolves by name to the font below
    const embedded = new EmbeddedFont(doc, fonts.get(name), `F${++internals._fontCount}`) as { layoutCache?: Record<string, unknown> };
    embedded.layoutCache = sharedLayoutCache(name);
    internals._fontFamilies[name] = embedded;
  }
  doc.font('Body');
}

interface PdfMeta {
  readonly title: string;
  readonly subject: string;
  readonly publishedAt: string;
}

/** One PDF document: fonts, the tagged structure, then the content and the page furniture. */
function renderPdf(meta: PdfMeta, write: (w: PdfWriter) => void, furnish: (doc: Doc) => void): Promise<Buffer> {
  const published = new Date(meta.publishedAt);
  const doc = new PDFDocument({
    // No default font: pdfkit would otherwise load and parse Helvetica's metrics for every PDF.
    font: '',
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: "Children's social care visits",
      Subject: meta.subject,
      CreationDate: published,
      ModDate: published,
    },
  });
  useParsedFonts(doc);
  escapeXmpInfo(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  write(new PdfWriter(doc, root));
  root.end();
  furnish(doc);
  doc.end();
  return done;
}

/** The public report. The creation date is the publication time, so a repeat render gives the same bytes. */
export function renderReportPdf(report: PublicReport): Promise<Buffer> {
  return renderPdf(
    { title: report.title, subject: `Visit report ${report.visitId}`, publishedAt: report.publishedAt },
    (w) => writeReport(w, report),
    (doc) => paginate(doc, report),
  );
}

export const BRIEFING_MARKING = 'OFFICIAL-SENSITIVE';

/** The restricted commissioner briefing, marked OFFICIAL-SENSITIVE at the top and bottom of every page. */
export function renderBriefingPdf(briefing: Briefing): Promise<Buffer> {
  return renderPdf(
    {
      title: `${BRIEFING_MARKING}: briefing: ${briefing.report.title}`,
      subject: `Commissioner briefing for visit ${briefing.report.visitId}`,
      publishedAt: briefing.report.publishedAt,
    },
    (w) => writeBriefing(w, briefing),
    (doc) => paginate(doc, briefing.report, BRIEFING_MARKING),
  );
}
