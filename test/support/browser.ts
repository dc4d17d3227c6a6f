/**
 * Debian's Chromium, installed by scripts/ensure-system-deps.sh, driven by playwright-core; one
 * tab per user with the browser errors it saw; axe-core for the accessibility checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p))) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found. Run scripts/ensure-system-deps.sh chromium (installs Debian chromium) or set CHROMIUM_PATH.');
}

/** Headless Chromium (Debian's), as every browser test and benchmark starts it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}

/** A browser tab and every script error or console error it has shown so far. */
export interface Tab {
  readonly page: Page;
  readonly errors: string[];
}

export async function openTab(browser: Browser): Promise<Tab> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // The GOV.UK stylesheet asks for its fonts; GDS Transport is only for gov.uk domains, so it falls back to Arial.
    if (msg.type() === 'error' && !/Failed to load resource.*404/.test(msg.text())) errors.push(msg.text());
  });
  return { page, errors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * GOV.UK Frontend's radios with a conditional reveal set aria-expanded on the radio input, which
 * axe flags. The Design System keeps it on purpose (it tells screen reader users more content
 * appeared; alphagov/govuk-frontend#979), so that one node is accepted and nothing else.
 */
const KNOWN_GOVUK_EXCEPTIONS = [{ rule: 'aria-allowed-attr', target: /^#seriousConcerns$/ }];

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

/** WCAG 2.1 A and AA plus axe's best practices; injected through the debugging protocol (the pages' CSP rightly refuses inline scripts). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResult> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations.flatMap((v) => {
    const nodes = v.nodes.filter((n) => !KNOWN_GOVUK_EXCEPTIONS.some((k) => k.rule === v.id && k.target.test(n.target.join(' '))));
    return nodes.length ? [`${v.id}: ${v.help} (${nodes.map((n) => n.target.join(' ')).join(', ')})`] : [];
  });
}
