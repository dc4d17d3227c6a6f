/**
 * The inspector's findings form on a weak connection, in headless Chromium through the DevTools
 * protocol: every byte it transfers on a first visit (HTML, CSS, script, fonts, images; as
 * compressed on the wire, headers included) and the time until it is usable.
 *
 * Profile ("slow 3G", as in WebPageTest's "3G Slow" and the usual performance budgets): 400 kbit/s
 * down and up, 400 ms minimum latency per request, CPU slowed down 4x. Chrome DevTools' own "Slow
 * 3G" preset has the same bandwidth but models connection set-up as 2,000 ms on every request; the
 * form is measured on that preset too (`devtoolsSlow3g`).
 *
 * Usable: the form's script has run, which is the moment GOV.UK Frontend marks the submit button
 * initialised (`data-govuk-button-init`, set in the same task that attaches the validation and
 * upload handler). A MutationObserver in the page records `performance.now()` at that moment, so the
 * figure is measured from the start of the navigation, with no polling.
 */
import { type Browser, type CDPSession } from 'playwright-core';
import { limits } from '../infra/catalogue';
import { applyEnvironment } from '../infra/local/cloud';
import { loadLinkSecret } from '../shared/aws/link-secret';
import { resetClients } from '../shared/aws/clients';
import { createVisitToken, visitLinkUrl } from '../shared/findings/visit-token';
import { launchChromium } from '../test/support/browser';
import { putVisit } from '../test/support/fixtures';
import { withLocalCloud } from './local-cloud';

export interface NetworkProfile {
  readonly name: string;
  /** Bytes per second. */
  readonly downloadThroughput: number;
  readonly uploadThroughput: number;
  /** Minimum milliseconds from request sent to response headers received. */
  readonly latency: number;
  readonly cpuSlowdown: number;
}

export const SLOW_3G: NetworkProfile = {
  name: 'slow 3G: 400 kbit/s, 400 ms, CPU 4x',
  downloadThroughput: 50_000,
  uploadThroughput: 50_000,
  latency: 400,
  cpuSlowdown: 4,
};
export const DEVTOOLS_SLOW_3G: NetworkProfile = {
  name: 'Chrome DevTools "Slow 3G": 400 kbit/s, 2,000 ms, CPU 4x',
  downloadThroughput: 50_000,
  uploadThroughput: 50_000,
  latency: 2_000,
  cpuSlowdown: 4,
};

type Kind = 'html' | 'css' | 'script' | 'font' | 'image' | 'other';

interface Transfer {
  url: string;
  status: number;
  kind: Kind;
  encoding: string;
  bytes: number;
}

export interface PageVisit {
  /** Bytes on the wire (compressed bodies plus headers) for everything the page loaded. */
  readonly bytes: number;
  readonly usableMs: number;
  readonly loadMs: number;
  readonly byKind: Record<Kind, number>;
  readonly requests: number;
  readonly notFound: number;
  readonly uncompressedTextResponses: number;
}

export interface PageBench extends PageVisit {
  readonly profile: string;
  readonly definition: string;
  /** A second visit in the same browser (assets from the cache). */
  readonly repeatVisit: { readonly bytes: number; readonly usableMs: number; readonly requests: number };
  readonly devtoolsSlow3g: { readonly profile: string; readonly usableMs: number; readonly bytes: number };
  readonly files: readonly { readonly url: string; readonly kind: Kind; readonly encoding: string; readonly bytes: number }[];
}

const KINDS: Record<string, Kind> = { Document: 'html', Stylesheet: 'css', Script: 'script', Font: 'font', Image: 'image' };

/** Records the time the submit button is initialised, from inside the page (CSP does not apply to it). */
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    const button = document.getElementById('submit-findings');
    if (button && button.hasAttribute('data-govuk-button-init')) {
      window.__usableMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-govuk-button-init'] });
`;

function recordTransfers(cdp: CDPSession): Transfer[] {
  const seen = new Map<string, Omit<Transfer, 'bytes'>>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
    seen.set(e.requestId, { url: e.response.url, status: e.response.status, kind: KINDS[e.type] ?? 'other', encoding: String(encoding) });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) done.push({ ...r, bytes: e.encodedDataLength });
  });
  return done;
}

async function throttle(cdp: CDPSession, profile: NetworkProfile): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.downloadThroughput,
    uploadThroughput: profile.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
}

/** Opens the form in a fresh browser context (empty cache), then again in the same one. */
async function visitTwice(browser: Browser, link: string, profile: NetworkProfile): Promise<{ first: PageVisit; repeat: PageVisit; files: Transfer[] }> {
  const context = await browser.newContext();
  await context.addInitScript(READY_PROBE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, profile);
    const transfers = recordTransfers(cdp);
    const open = async (): Promise<{ visit: PageVisit; files: Transfer[] }> => {
      await page.goto(link, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForFunction(() => typeof (window as { __usableMs?: number }).__usableMs === 'number', undefined, { timeout: 120_000 });
      await page.waitForLoadState('networkidle', { timeout: 120_000 });
      const timing = await page.evaluate(() => ({
        usableMs: (window as { __usableMs?: number }).__usableMs ?? -1,
        loadMs: performance.getEntriesByType('navigation').map((n) => (n as PerformanceNavigationTiming).loadEventEnd)[0] ?? -1,
      }));
      const files = [...transfers];
      transfers.length = 0;
      return { visit: summarise(files, timing), files };
    };
    const first = await open();
    const repeat = await open();
    return { first: first.visit, repeat: repeat.visit, files: first.files };
  } finally {
    await context.close();
  }
}

function summarise(files: readonly Transfer[], timing: { usableMs: number; loadMs: number }): PageVisit {
  const byKind: Record<Kind, number> = { html: 0, css: 0, script: 0, font: 0, image: 0, other: 0 };
  for (const f of files) byKind[f.kind] += f.bytes;
  const textual = new Set<Kind>(['html', 'css', 'script']);
  return {
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    usableMs: Math.round(timing.usableMs),
    loadMs: Math.round(timing.loadMs),
    byKind,
    requests: files.length,
    notFound: files.filter((f) => f.status === 404).length,
    uncompressedTextResponses: files.filter((f) => textual.has(f.kind) && f.status === 200 && f.encoding === 'identity' && f.bytes > 1_000).length,
  };
}

export async function benchPage(log: (line: string) => void): Promise<PageBench> {
  return withLocalCloud(async (cloud) => {
    applyEnvironment(cloud.endpoints);
    resetClients();
    const visit = await putVisit({ targetName: 'Meadow View Children’s Home' });
    const token = createVisitToken(await loadLinkSecret(), {
      visitId: visit.visitId,
      inspector: visit.inspector!,
      expiresAt: new Date(Date.now() + limits.visitLinkLifetimeDays * 86_400_000).toISOString(),
    });
    const link = visitLinkUrl(cloud.endpoints.web, visit.visitId, token);
    const browser = await launchChromium();
    try {
      // One unthrottled visit first, so every function's module is loaded and its assets are built:
      // the figures are the page's, not the local cloud's cold start.
      await (await browser.newPage()).goto(link, { waitUntil: 'networkidle' });
      log(`page: ${SLOW_3G.name} ...`);
      const slow = await visitTwice(browser, link, SLOW_3G);
      log(`page: ${DEVTOOLS_SLOW_3G.name} ...`);
      const devtools = await visitTwice(browser, link, DEVTOOLS_SLOW_3G);
      return {
        ...slow.first,
        profile: SLOW_3G.name,
        definition:
          'usable = the form script has run (GOV.UK Frontend has initialised the submit button, in the task that attaches the submit handler), ms from navigation start; bytes = every response on a first visit (empty cache), compressed bodies plus headers',
        repeatVisit: { bytes: slow.repeat.bytes, usableMs: slow.repeat.usableMs, requests: slow.repeat.requests },
        devtoolsSlow3g: { profile: DEVTOOLS_SLOW_3G.name, usableMs: devtools.first.usableMs, bytes: devtools.first.bytes },
        files: slow.files.map((f) => ({ url: new URL(f.url).pathname, kind: f.kind, encoding: f.encoding, bytes: f.bytes })),
      };
    } finally {
      await browser.close();
    }
  });
}
