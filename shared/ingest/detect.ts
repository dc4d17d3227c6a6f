/**
 * Which kind of file a header row (and Ofsted's optional group row above it) describes, weighed
 * from each kind's `detection` (kinds/*.ts):
 * 1. A distinctive column claims the header for its kind; of several claims the highest rank wins,
 *    and claims of equal rank make the header ambiguous (refused: it must say which it is).
 * 2. Else a group row word ("Inspection information") claims it for its kind.
 * 3. Else the kind whose columns the header matches most, if that kind may be recognised so; a
 *    list of people (Name, Email, ...) never is, because who receives what depends on it.
 * A file missing some required columns is still recognised, so the report can name what is missing.
 */
import { normaliseHeader, namesOf } from './header';
import { IMPORT_KIND_NAMES, IMPORT_KINDS, type ImportKind } from './kinds';

export type Detected = { readonly ok: true; readonly kind: ImportKind } | { readonly ok: false; readonly candidates: readonly ImportKind[] };

const has = (names: ReadonlySet<string>, list: readonly string[] | undefined) => (list ?? []).some((n) => names.has(normaliseHeader(n)));

function knownColumns(kind: ImportKind, names: ReadonlySet<string>): number {
  return Object.values(IMPORT_KINDS[kind].columns).filter((c) => has(names, namesOf(c))).length;
}

/** The kinds that share the highest value of `score` (above zero). */
function best(score: (k: ImportKind) => number): ImportKind[] {
  const scored = IMPORT_KIND_NAMES.map((k) => [k, score(k)] as const).filter(([, s]) => s > 0);
  const top = Math.max(0, ...scored.map(([, s]) => s));
  return scored.filter(([, s]) => s === top).map(([k]) => k);
}

export function detectKind(header: readonly string[], groupRow: readonly string[] | undefined): Detected {
  const names = new Set(header.map(normaliseHeader).filter(Boolean));
  const group = (groupRow ?? []).map(normaliseHeader).join(' ');

  const claims = best((k) => (has(names, IMPORT_KINDS[k].detection.distinctive) ? IMPORT_KINDS[k].detection.rank + 1 : 0));
  if (claims.length) return claims.length === 1 ? { ok: true, kind: claims[0]! } : { ok: false, candidates: claims };

  const grouped = IMPORT_KIND_NAMES.find((k) => {
    const word = IMPORT_KINDS[k].detection.groupRow;
    return word !== undefined && group.includes(word) && knownColumns(k, names) > 0;
  });
  if (grouped) return { ok: true, kind: grouped };

  const counted = best((k) => knownColumns(k, names));
  const countable = counted.filter((k) => IMPORT_KINDS[k].detection.byColumnCount);
  if (countable.length) return { ok: true, kind: countable[0]! };
  return { ok: false, candidates: counted };
}
