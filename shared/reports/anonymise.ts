/**
 * Children's homes are anonymised in anything public (SCCIF 16.2): never the home's name, address,
 * town, county, postcode or parliamentary constituency, whatever the source file holds (the
 * Ofsted file says REDACTED for most, but not for every home, and not in every file). What may
 * show: the URN, the provision type, the provider organisation, the local authority and the region.
 * Secure children's homes and residential special schools registered as children's homes too.
 *
 * The rule is by provision type, not by what the source says. Inspectors' free text is scrubbed of
 * the same identifying strings, so a home's name typed into "what is going well" does not reach
 * the public report either. Pure: no I/O.
 */
import type { Provider } from '../domain/types';

/** Provision types anonymised in public: any kind of children's home. */
export function isAnonymisedType(provisionType: string | undefined): boolean {
  return provisionType !== undefined && /children[’'`]?s\s+home/i.test(provisionType);
}

/** How a provider is named in public. */
export function publicName(p: { urn: string; name?: string; provisionType?: string }): string {
  const name = p.name?.trim() ?? '';
  if (isAnonymisedType(p.provisionType) || name === '' || name.toUpperCase() === 'REDACTED') return `${p.provisionType ?? 'Provider'} (URN ${p.urn})`;
  return name;
}

/** The source fields that locate a children's home, with the words that replace them in scrubbed text. */
export const IDENTIFYING_FIELDS = ['name', 'line1', 'line2', 'town', 'county', 'postcode', 'parliamentaryConstituency'] as const;
export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

/**
 * The strings that would identify this provider in public, longest first. Empty unless its type
 * is anonymised. Strings that are also the LA or the region (which may show) are left out, and so
 * are placeholders and fragments too short to match safely.
 */
export function identifyingStrings(
  p: Pick<Provider, 'name' | 'provisionType' | 'address' | 'parliamentaryConstituency' | 'localAuthority' | 'region'> | undefined,
  alsoNamed: readonly string[] = [],
): string[] {
  if (!p || !isAnonymisedType(p.provisionType)) return [];
  const allowed = new Set([p.localAuthority, p.region].map((s) => s.trim().toLowerCase()));
  const values = [p.name, p.address.line1, p.address.line2, p.address.town, p.address.county, p.address.postcode, p.parliamentaryConstituency, ...alsoNamed];
  const found = new Set<string>();
  for (const v of values) {
    const s = v?.trim() ?? '';
    if (s.length < 3 || s.toUpperCase() === 'REDACTED' || allowed.has(s.toLowerCase())) continue;
    found.add(s);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern that matches the string as a whole word, any case, with any spacing (postcodes: "M1 1AA" = "M11AA"). */
function patternFor(s: string): RegExp {
  const body = s
    .split(/\s+/)
    .map((part) => escapeRegExp(part))
    .join('\\s*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Free text with every identifying string replaced by "[removed]". */
export function scrub(text: string, identifying: readonly string[]): string {
  let out = text;
  for (const s of identifying) out = out.replace(patternFor(s), '[removed]');
  return out;
}
