/** Which commissioners want a report: by local authority, by Ofsted region, or by provider URN. */
import type { Commissioner } from '../domain/types';

export function matchesCommissioner(
  c: Pick<Commissioner, 'localAuthorities' | 'regions' | 'urns'>,
  report: { localAuthority: string; region: string; urn?: string },
): boolean {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return (
    c.localAuthorities.some((la) => same(la, report.localAuthority)) ||
    c.regions.some((r) => same(r, report.region)) ||
    (report.urn !== undefined && c.urns.some((u) => same(u, report.urn!)))
  );
}
