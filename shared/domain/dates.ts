/** Dates as Ofsted publishes them (dd/mm/yyyy) and as we store them (ISO yyyy-mm-dd). */

/** A real calendar date, from dd/mm/yyyy (also d/m/yyyy) or yyyy-mm-dd; undefined if not one. */
export function parseUkDate(text: string): string | undefined {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    return undefined;
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO date -> dd/mm/yyyy, as people in England read dates. */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
