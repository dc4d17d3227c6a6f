/**
 * The season's people on the web, as a browser would be: inspectors open their link, load the
 * page's assets, upload findings straight to S3 with the page's pre-signed POST and watch the
 * status page; the reviewer approves from their page; the daily schedule closes the factual
 * accuracy window and publishes on the date; readers open the reports index, each report and its PDF.
 */
import { limits } from '../../infra/catalogue';
import { controlLocalCloud } from '../../infra/local/cloud';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { listCommissioners } from '../../shared/aws/people-store';
import { getPublication, listEditions } from '../../shared/aws/publication-store';
import { addDays } from '../../shared/domain/calendar';
import { createRoleToken, roleLinkUrl } from '../../shared/publication/role-links';
import type { ReportEdition } from '../../shared/publication/records';
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
    .filter(
      (v) =>
        v.status === 'planned' &&
        commissioners.some((c) =>
          matchesCommissioner(c, { localAuthority: v.localAuthority, region: v.region, urn: v.kind === 'provider' ? v.target : undefined }),
        ),
    )
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
      goingWell: [
        'Children have trusted adults they can talk to',
        'Records of decisions are clear and dated',
        'Staff training continued online during lockdown',
      ],
      needsToImprove: ['Return-home interviews are not always offered', 'Risk assessments are not always updated after incidents'],
    }),
  );
}

/** The reviewer approves from their page (the link their email carries), as a browser posts the form. */
async function approveAsReviewer(meter: Meter, web: string, visit: Visit, secret: string): Promise<void> {
  const reviewer = (await meter.as('probe', () => getPublication(visit.visitId)))?.reviewer;
  if (!reviewer) throw new Error(`The findings for ${visit.visitId} were not sent to a reviewer`);
  const token = createRoleToken(secret, {
    role: 'reviewer',
    visitId: visit.visitId,
    subject: reviewer,
    expiresAt: new Date(Date.now() + limits.reviewerLinkLifetimeDays * 86_400_000).toISOString(),
  });
  const link = roleLinkUrl(web, 'reviewer', visit.visitId, token);
  await get(link);
  const res = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'approve', decision: 'approve' }), redirect: 'manual' });
  if (res.status !== 303) throw new Error(`The reviewer's approval of ${visit.visitId} answered ${res.status}`);
}

/** The daily publication schedule on the day after the window's last day, then on the publication date. */
async function windowClosesThenPublishes(meter: Meter, web: string, visit: Visit, settle: () => Promise<void>): Promise<void> {
  const closesOn = (await meter.as('probe', () => getPublication(visit.visitId)))?.factualAccuracy?.closesOn;
  if (!closesOn) throw new Error(`The findings for ${visit.visitId} are not out for factual accuracy`);
  await controlLocalCloud(web, 'invoke/publicationSchedule', { time: `${addDays(closesOn, 1)}T06:00:00Z`, 'detail-type': 'Scheduled Event', detail: {} });
  await settle();
  const publishOn = (await meter.as('probe', () => getPublication(visit.visitId)))?.publishOn;
  if (!publishOn) throw new Error(`The findings for ${visit.visitId} did not become ready`);
  await controlLocalCloud(web, 'invoke/publicationSchedule', { time: `${publishOn}T06:00:00Z`, 'detail-type': 'Scheduled Event', detail: {} });
  await settle();
}

/** Each visit, one after another: link -> form and assets -> S3 POST -> status page -> review -> factual accuracy -> published. */
export async function inspectorVisits(meter: Meter, web: string, visits: readonly Visit[], settle: () => Promise<void>): Promise<void> {
  const secret = await loadLinkSecret();
  for (const visit of visits) {
    const inspector = visit.inspector ?? 'inspector@inspectorate.example.gov.uk';
    const token = createVisitToken(secret, {
      visitId: visit.visitId,
      inspector,
      expiresAt: new Date(Date.now() + limits.visitLinkLifetimeDays * 86_400_000).toISOString(),
    });
    const form = await get(visitLinkUrl(web, visit.visitId, token));
    await loadAssets(web, form);
    const target = JSON.parse(/<script type="application\/json" id="upload-target">([\s\S]*?)<\/script>/.exec(form)?.[1] ?? 'null') as PostTarget | null;
    const statusPath = /data-status-url="([^"]+)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
    if (!target || !statusPath) throw new Error(`The findings form for ${visit.visitId} has no upload target or status link`);
    const body = findingsFor(visit);
    // The browser's POST goes straight to S3: one POST request and the object it stores.
    await meter.as('inspector', () => {
      meter.add(N.s3Tier1, 1);
      meter.add(`${S3_BYTES_PUT}findings/`, Buffer.byteLength(body));
      return Promise.resolve();
    });
    const res = await postFindings(target, body);
    if (!res.ok) throw new Error(`The findings POST for ${visit.visitId} failed: ${res.status} ${await res.text()}`);
    // The status page refreshes itself every 2 s: once while the findings are checked, once when accepted.
    await get(`${web}${statusPath}`);
    await settle();
    const done = await get(`${web}${statusPath}`);
    if (!done.includes('Findings sent for review')) throw new Error(`The findings for ${visit.visitId} were not accepted`);
    await approveAsReviewer(meter, web, visit, secret);
    await settle();
    await windowClosesThenPublishes(meter, web, visit, settle);
  }
}

/** Each visit's current public edition (its report and PDF at their stable address). */
async function currentEditions(): Promise<ReportEdition[]> {
  const newest = new Map<string, ReportEdition>();
  for (const e of await listEditions()) if ((newest.get(e.visitId)?.edition ?? 0) < e.edition) newest.set(e.visitId, e);
  return [...newest.values()].filter((e) => e.kind !== 'withdrawal');
}

/** Readers: the reports index, then each published report and its PDF. Returns the page views. */
export async function publicPageViews(web: string): Promise<number> {
  const reports = await currentEditions();
  let views = 0;
  for (const report of reports) {
    await get(`${web}/reports/index.html`);
    await get(`${web}/${report.htmlKey}`);
    await get(`${web}/${report.pdfKey!}`);
    views += 3;
  }
  if (views === 0) throw new Error('No report was published, so no public page was viewed');
  return views;
}

/** The assets the reports index and a report name (reading them is not a reader's view: the caller counts it apart). */
export async function publicPageAssets(web: string): Promise<string[]> {
  const [report] = await currentEditions();
  const pages = [await get(`${web}/reports/index.html`), ...(report ? [await get(`${web}/${report.htmlKey}`)] : [])];
  return [...new Set(pages.flatMap(pageAssets))];
}

/** A first-time reader's browser loads those assets once (then they are cached). */
export async function publicFirstVisit(web: string, assets: readonly string[]): Promise<void> {
  for (const asset of assets) await (await fetch(`${web}${asset}`)).arrayBuffer();
}
