/**
 * Email addresses as SES takes them: ASCII only (no internationalised addresses, no full-width
 * look-alikes), a dot-atom local part of at most 64 characters, a domain name of DNS labels of at
 * most 63 characters with a top-level domain, and at most 254 characters in all (RFC 5321's
 * 256-character path less its angle brackets). An address SES would refuse is refused at import,
 * with the reason, instead of failing at send time and filling the dead-letter queue.
 */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Why the address would not be accepted (a phrase to follow the column or field name), or undefined. */
export function emailAddressProblem(address: string): string | undefined {
  if (address === '') return 'is empty: give an email address';
  // Printable ASCII only.
  const nonAscii = /[^\x21-\x7E]/.exec(address);
  if (nonAscii) {
    const c = nonAscii[0];
    return c === ' ' ? 'holds a space: an email address has none' : `holds "${c}", which is not a plain ASCII character: retype the address`;
  }
  if (address.length > 254) return `is ${address.length} characters long: an email address has at most 254`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return 'is not an email address: it needs one @ between the name and the domain, as in name@council.gov.uk';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return `has ${local.length} characters before the @: at most 64 are allowed`;
  if (local.split('.').some((part) => !ATEXT.test(part))) return 'is not an email address: the part before the @ has a character or a dot where it cannot be';
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => !LABEL.test(l)) || !/^[A-Za-z]{2,63}$/.test(labels[labels.length - 1]!)) {
    return 'is not an email address: the part after the @ is not a domain name such as council.gov.uk';
  }
  return undefined;
}

/**
 * The form addresses are stored, compared and de-duplicated in: trimmed and in lower case (mail
 * systems treat the local part as case-insensitive in practice, and so does the suppression list).
 */
export function canonicalEmail(address: string): string {
  return address.trim().toLowerCase();
}
