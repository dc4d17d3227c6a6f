/** A visit's publication as ops see it (`npm run visit -- status VISIT_ID [--json]`). Pure. */
import { ukDate } from '../domain/dates';
import { PUBLIC_STATES, type Publication, type PublicationState } from './lifecycle';
import { STATE_LABELS } from './page-parts';

/** The `--json` contract: exactly these fields (add fields, never rename or remove). */
export interface PublicationStatusJson {
  readonly visitId: string;
  readonly state: PublicationState | 'none';
  readonly version: number;
  readonly history: readonly { readonly state: PublicationState; readonly at: string; readonly by: string; readonly reason: string | null }[];
  readonly public: { readonly html: string; readonly pdf: string } | null;
}

export function statusJson(visitId: string, p: Publication | undefined, publicUrls: { html: string; pdf: string }): PublicationStatusJson {
  return {
    visitId,
    state: p?.state ?? 'none',
    version: p?.version ?? 0,
    history: (p?.history ?? []).map((h) => ({ state: h.state, at: h.at, by: h.by, reason: h.reason ?? null })),
    public: p && PUBLIC_STATES.includes(p.state) ? publicUrls : null,
  };
}

/** The same, for a person: one line of state, then the history (oldest first). */
export function statusText(s: PublicationStatusJson, p: Publication | undefined): string {
  if (s.state === 'none') return `Visit ${s.visitId}: no findings submitted yet.`;
  const lines = [`Visit ${s.visitId}: ${STATE_LABELS[s.state]} (findings version ${s.version}).`];
  if (p?.reviewer) lines.push(`Reviewer: ${p.reviewer}`);
  if (p?.factualAccuracy)
    lines.push(
      `Factual accuracy: ${ukDate(p.factualAccuracy.opensOn)} to the end of ${ukDate(p.factualAccuracy.closesOn)}; sent to ${p.factualAccuracy.contacts.join(', ') || 'nobody (no contact held)'}; ${p.openComments} comment(s) to answer.`,
    );
  if (p?.publishOn && p.state === 'ready') lines.push(`Publication date: ${ukDate(p.publishOn)}.`);
  if (s.public) lines.push(`Public report: ${s.public.html}`, `PDF: ${s.public.pdf}`);
  lines.push('', 'History:');
  for (const h of s.history) lines.push(`  ${h.at.slice(0, 16).replace('T', ' ')}  ${h.state.padEnd(16)} ${h.by}${h.reason ? `: ${h.reason}` : ''}`);
  return lines.join('\n');
}
