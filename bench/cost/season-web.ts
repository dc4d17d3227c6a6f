/**
 * The season's people on the web, as a browser would be: inspectors open their link, load the
 * page's assets, upload findings straight to S3 with the page's pre-signed POST and watch the
 * status page; readers open the reports index, each report and its PDF.
 */
import { limits } from '../../infra/catalogue';
import { listCommissioners, listPublishedReports } from '../../shared/aws/report-store';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { loadPrioritiseInputs } from '../../shared/aws/programme-store';
import type { Visit } from '../../shared/domain/types';
import { createVisitToken, visitLinkUrl } from '../../shared/findings/visit-token';
import { matchesCommissioner } from '../../shared/notify/matching';
import { validFindings } from '../../test/support/fixtures';
import { postFindings, type PostTarget } from '../../test/support/submit';
import type { Meter } from './meter';
import { S3_BYTES_PUT, USAGE_NAMES as N } from './usage';

/**
 * Planned visits (earliest weeks first) that at least one commissioner will be emailed about, and
 * the first and last week of the programme (the policy's window, which need not be near today).
 */
export async function pickVisits(n: number): Promise<{ picked: Visit[]; firstWeek: string; lastWeek: string }> {
  const visits = (await loadPrioritiseInputs()).visits;
  const weeks = visits.map((v) => v.week).sort();
  const commissioners = await listCommissioners();
  const picked = visits
    .filter((v) => v.status === 'planned' && commissioners.some((c) => matchesCommissioner(c, { localAuthority: v.localAuthority, region: v.region, urn: v.kind === 'provider' ? v.target : undefined })))
    .sort((a, b) => a.week.localeCompare(b.week) || a.visitId.localeCompare(b.visitId))
    .slice(0, n);
  if (picked.length === 0) throw new Error('The programme has no planned visit that a commissioner subscribes to');
  return { picked, firstWeek: weeks[0]!, lastWeek: weeks[weeks.length - 1]! };
}

/**
 * Same-origin assets a desktop browser loads for a page: stylesheets, scripts, images, the
 * manifest and one icon (Chromium asks for a single favicon and ignores Apple's and Safari's icons).
 */
export function pageAssets(html: string): string[] {
  const found = new Set<string>();
  let icon = false;
  for (const [tag] of html.matchAll(/<(?:link|script|img)\b[^>]*>/g)) {
    const url = /\b(?:href|src)="(\/[^"]+)"/.exec(tag)?.[1]?.replace(/&amp;/g, '&');
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (!url || (tag.startsWith('<link') && !['stylesheet', 'icon', 'manifest'].includes(rel ?? ''))) continue;
    if (rel === 'icon') {
      if (icon) continue;
      icon = true;
    }
    found.add(url);
  }
  return [...found];
}

/** A browser asks for every asset a page names; one it lacks (404) is still a request and an invocation. */
async function loadAssets(web: string, html: string): Promise<void> {
  for (const asset of pageAssets(html)) await (await fetch(`${web}${asset}`)).arrayBuffer();
}

async function get(url: string): Promise<string> {
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

/** What an inspector writes: a few paragraphs, as on a real visit (about 4 KB of JSON). */
function findingsFor(visit: Visit): string {
  const paragraph = (topic: string) => `${topic} ${'Inspectors spoke with children, staff and managers and read records of decisions. '.repeat(18)}`;
  return JSON.stringify(
    validFindings(visit, {
      childrensExperiences: paragraph('Children said they feel safe and are helped to keep in touch with family.'),
      pandemicDecisions: paragraph('Leaders kept staffing stable and recorded why each change to contact was made.'),
      goingWell: ['Children have trusted adults they can talk to', 'Records of decisions are clear and dated', 'Staff training continued online during lockdown'],
      needsToImprove: ['Return-home interviews are not always offered', 'Risk assessments are not always updated after incidents'],
    }),
  );
}

/** Each visit, one after another: link -> form and assets -> S3 POST -> status page -> published. */
export async function inspectorVisits(meter: Meter, web: string, visits: readonly Visit[], settle: () => Promise<void>): Promise<void> {
  const secret = await loadLinkSecret();
  for (const visit of visits) {
    const inspector = visit.inspector ?? 'inspector@inspectorate.example.gov.uk';
    const token = createVisitToken(secret, { visitId: visit.visitId, inspector, expiresAt: new Date(Date.now() + limits.visitLinkLifetimeDays * 86_400_000).toISOString() });
    const form = await get(visitLinkUrl(web, visit.visitId, token));
    await loadAssets(web, form);
    const target = JSON.parse(/<script type="application\/json" id="upload-target">([\s\S]*?)<\/script>/.exec(form)?.[1] ?? 'null') as PostTarget | null;
    const statusPath = /data-status-url="([^"]+)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
    if (!target || !statusPath) throw new Error(`The findings form for ${visit.visitId} has no upload target or status link`);
    const body = findingsFor(visit);
    // The browser's POST goes straight to S3: one POST request and the object it stores.
    await meter.as('inspector', async () => {
      meter.add(N.s3Tier1, 1);
      meter.add(`${S3_BYTES_PUT}findings/`, Buffer.byteLength(body));
    });
    const res = await postFindings(target, body);
    if (!res.ok) throw new Error(`The findings POST for ${visit.visitId} failed: ${res.status} ${await res.text()}`);
    // The status page refreshes itself every 2 s: once while the findings are checked, once when accepted.
    await get(`${web}${statusPath}`);
    await settle();
    const done = await get(`${web}${statusPath}`);
    if (!done.includes('Findings accepted')) throw new Error(`The findings for ${visit.visitId} were not accepted`);
  }
}

/** Readers: the reports index, then each published report and its PDF. Returns the page views. */
export async function publicPageViews(web: string): Promise<number> {
  const reports = await listPublishedReports();
  let views = 0;
  for (const report of reports) {
    await get(`${web}/reports/index.html`);
    await get(`${web}/${report.htmlKey}`);
    await get(`${web}/${report.pdfKey}`);
    views += 3;
  }
  if (views === 0) throw new Error('No report was published, so no public page was viewed');
  return views;
}

/** The assets the reports index and a report name (reading them is not a reader's view: the caller counts it apart). */
export async function publicPageAssets(web: string): Promise<string[]> {
  const [report] = await listPublishedReports();
  const pages = [await get(`${web}/reports/index.html`), ...(report ? [await get(`${web}/${report.htmlKey}`)] : [])];
  return [...new Set(pages.flatMap(pageAssets))];
}

/** A first-time reader's browser loads those assets once (then they are cached). */
export async function publicFirstVisit(web: string, assets: readonly string[]): Promise<void> {
  for (const asset of assets) await (await fetch(`${web}${asset}`)).arrayBuffer();
}
