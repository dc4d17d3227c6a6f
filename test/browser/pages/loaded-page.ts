/**
 * Any page of ours, opened in Chromium, with a record of everything it loaded: every response
 * (status, headers), every Content-Security-Policy violation (the page's own
 * `securitypolicyviolation` events) and every console error. Tests read it as "the page loaded
 * every asset, and the browser refused nothing".
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

export interface LoadedResponse {
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly type: string;
}

/** Collects CSP violations inside the page (init scripts run whatever the page's CSP says). */
const VIOLATION_PROBE = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + (e.sample ? ': ' + e.sample : ''));
  });
`;

export class LoadedPage {
  readonly responses: LoadedResponse[] = [];
  private readonly errors: string[] = [];
  private documentStatus: number | undefined;

  private constructor(
    readonly page: Page,
    private readonly origin: string,
  ) {
    page.on('response', (res: Response) => {
      const url = new URL(res.url());
      if (url.origin === this.origin)
        this.responses.push({ path: url.pathname, status: res.status(), headers: res.headers(), type: res.request().resourceType() });
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(msg.text());
    });
    page.on('pageerror', (err) => this.errors.push(err.message));
  }

  static async open(browser: Browser | BrowserContext, url: string): Promise<LoadedPage> {
    const page = await browser.newPage();
    await page.addInitScript(VIOLATION_PROBE);
    const loaded = new LoadedPage(page, new URL(url).origin);
    await loaded.goto(url);
    return loaded;
  }

  /** Opens a URL and waits until the page and everything it asked for have arrived (fonts included). */
  async goto(url: string): Promise<number | undefined> {
    this.responses.length = 0;
    this.errors.length = 0;
    const res = await this.page.goto(url, { waitUntil: 'networkidle' });
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    this.documentStatus = res?.status();
    return this.documentStatus;
  }

  /** Console errors, less Chromium's note that the page itself answered 403 or 404 (when it did). */
  get consoleErrors(): string[] {
    const own = `Failed to load resource: the server responded with a status of ${this.documentStatus}`;
    return this.errors.filter((e) => !(this.documentStatus && this.documentStatus >= 400 && e.startsWith(own)));
  }

  heading(): Promise<string> {
    return this.page
      .locator('h1')
      .first()
      .innerText()
      .then((t) => t.trim());
  }

  title(): Promise<string> {
    return this.page.title();
  }

  /** Sub-resources (not the page itself) that did not load. */
  get failedAssets(): string[] {
    return this.responses.filter((r) => r.type !== 'document' && r.status >= 400).map((r) => `${r.status} ${r.path}`);
  }

  get assetResponses(): LoadedResponse[] {
    return this.responses.filter((r) => r.path.startsWith('/assets/'));
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  }

  /** The font faces the page uses that have loaded ("GDS Transport 400", ...). */
  loadedFonts(): Promise<string[]> {
    return this.page.evaluate(() => {
      const loaded: string[] = [];
      document.fonts.forEach((f) => {
        if (f.status === 'loaded') loaded.push(`${f.family.replace(/"/g, '')} ${f.weight}`);
      });
      return loaded;
    });
  }

  /** Whether the page's stylesheet applied (GOV.UK's header is dark blue or black, not unstyled white). */
  headerBackground(): Promise<string> {
    return this.page.locator('.govuk-header').evaluate((el) => getComputedStyle(el).backgroundColor);
  }

  /** A long page (the national programme) is shot to its first screen only. */
  screenshot(name: string, fullPage = true): Promise<Buffer> {
    return this.page.screenshot({ path: `test-artifacts/${name}.png`, fullPage });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
