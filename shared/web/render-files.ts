/**
 * What the renderers read: our templates, GOV.UK Frontend's templates and assets, the bundled
 * browser scripts and the PDF fonts. A port, so the renderers stay pure: `bundle-files.ts` finds
 * them in the repository or in a Lambda bundle, `memoryRenderFiles` serves them from memory in tests.
 */
export interface RenderFiles {
  /** One of our templates ('report/report.njk') or GOV.UK Frontend's ('govuk/template.njk'). */
  template(name: string): string | undefined;
  /** The names of all our own templates (not GOV.UK's), for the page's known inline blocks. */
  templateNames(): readonly string[];
  /** A file from GOV.UK Frontend's dist/govuk folder: 'govuk-frontend.min.css', 'assets/fonts/...'. */
  govuk(path: string): Buffer | undefined;
  /** A bundled browser script: 'findings.js'. */
  browserScript(name: string): Buffer | undefined;
  /** A PDF font file: 'DejaVuSans.ttf'. */
  pdfFont(file: string): Buffer | undefined;
}

export interface MemoryFiles {
  /** Our templates, by name. */
  readonly templates?: Readonly<Record<string, string>>;
  /** GOV.UK Frontend's templates ('govuk/...njk'), by name. */
  readonly govukTemplates?: Readonly<Record<string, string>>;
  readonly govuk?: Readonly<Record<string, string | Uint8Array>>;
  readonly browser?: Readonly<Record<string, string | Uint8Array>>;
  readonly fonts?: Readonly<Record<string, Uint8Array>>;
}

const bytes = (v: string | Uint8Array | undefined): Buffer | undefined => (v === undefined ? undefined : Buffer.from(v));

/** Render files held in memory (tests, or a renderer given its templates directly). */
export function memoryRenderFiles(files: MemoryFiles): RenderFiles {
  return {
    template: (name) => files.templates?.[name] ?? files.govukTemplates?.[name],
    templateNames: () => Object.keys(files.templates ?? {}),
    govuk: (path) => bytes(files.govuk?.[path]),
    browserScript: (name) => bytes(files.browser?.[name]),
    pdfFont: (file) => bytes(files.fonts?.[file]),
  };
}
