/**
 * The bad-input corpus for CSV imports: each case is a file, the message it must end in (what,
 * where, how to fix), and how many rows must still be accepted beside the bad ones. Kept apart
 * from the test so the same cases can be run against another version of the parser.
 */

export interface ImportCase {
  readonly name: string;
  readonly input: string | Uint8Array;
  /** Matched against the file's error and every rejection, one per line ("line N, Column: reason"). */
  readonly expected: RegExp;
  /** Rows accepted beside the bad ones, when the file is read. */
  readonly accepted?: number;
  /** The kind the header must be recognised as. */
  readonly kind?: string;
  readonly maxBytes?: number;
  readonly maxRowChars?: number;
}

export const INTEL_HEADER = 'Signal ID,Date,URN,Local authority,Type,Severity,Status,Summary,Source';
export const COMM_HEADER = 'Name,Email,Organisation,Local authorities,Regions,URNs';
export const CONTACT_HEADER = 'URN,Local authority,Name,Email,Role';
export const REVIEWER_HEADER = 'Name,Email,Regions reviewed';

const file = (header: string, ...rows: string[]) => [header, ...rows].join('\n') + '\n';
export const intel = (...rows: string[]) => file(INTEL_HEADER, ...rows);
const comm = (...rows: string[]) => file(COMM_HEADER, ...rows);
const contacts = (...rows: string[]) => file(CONTACT_HEADER, ...rows);
const reviewers = (...rows: string[]) => file(REVIEWER_HEADER, ...rows);
export const goodSignal = 'SIG-1,01/02/2020,SC000001,,complaint,1,,Parent complaint,Email';
const signal = (n: number, summary = 'Parent complaint') => `SIG-${n},01/02/2020,SC00000${n},,complaint,1,,${summary},Email`;
const goodCommissioner = 'Ann Lee,ann@leeds.example.gov.uk,Leeds City Council,Leeds,,';
const goodContact = 'SC000001,,Ann Lee,ann@home.example.org.uk,Registered manager';

/** Cases from before the hardening (issue 14): they passed on the old parser too. */
export const earlierCases: ImportCase[] = [
  { name: 'an empty file', input: '', expected: /empty|no header/i },
  { name: 'only whitespace', input: '   \n\n  \n', expected: /empty|no header|not recognised|do not match/i },
  { name: 'a header and no rows', input: `${INTEL_HEADER}\n`, expected: /no data rows|no rows/i },
  { name: 'binary garbage', input: new Uint8Array(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), expected: /not.*(CSV|text|recognised)|binary/i },
  {
    name: 'a PNG signature',
    input: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    expected: /not.*(CSV|text|recognised)|binary/i,
  },
  { name: 'an unknown header', input: 'Foo,Bar,Baz\n1,2,3\n', expected: /not recognised|columns/i },
  {
    name: 'a semicolon-delimited file',
    input: INTEL_HEADER.replace(/,/g, ';') + '\n' + goodSignal.replace(/,/g, ';') + '\n',
    expected: /not recognised|columns|delimit/i,
  },
  {
    name: 'a date that does not exist',
    input: intel(goodSignal, 'SIG-2,31/02/2020,SC000001,,complaint,1,,x,y'),
    expected: /line 3, Date: .*(real date|not a date)/i,
    accepted: 1,
  },
  { name: 'an unknown signal type', input: intel(goodSignal, 'SIG-2,01/02/2020,SC000001,,rumour,1,,x,y'), expected: /line 3, Type: /, accepted: 1 },
  { name: 'a severity out of range', input: intel(goodSignal, 'SIG-2,01/02/2020,SC000001,,complaint,9,,x,y'), expected: /line 3, Severity: /, accepted: 1 },
  {
    name: 'both URN and LA set',
    input: intel(goodSignal, 'SIG-2,01/02/2020,SC000001,Leeds,complaint,1,,x,y'),
    expected: /line 3.*(URN|Local authority)/,
    accepted: 1,
  },
  { name: 'neither URN nor LA', input: intel(goodSignal, 'SIG-2,01/02/2020,,,complaint,1,,x,y'), expected: /line 3.*(URN|Local authority)/, accepted: 1 },
  {
    name: 'a URN with path traversal',
    input: intel(goodSignal, 'SIG-2,01/02/2020,../../etc/passwd,,complaint,1,,x,y'),
    expected: /line 3, URN: "URN" must be letters and digits only/,
    accepted: 1,
  },
  {
    name: 'a URN with HTML',
    input: intel(goodSignal, 'SIG-2,01/02/2020,<script>,,complaint,1,,x,y'),
    expected: /line 3, URN: "URN" must be letters and digits only/,
    accepted: 1,
  },
  {
    name: 'a duplicated signal id',
    input: intel(goodSignal, goodSignal),
    expected: /line 3, Signal ID: SIG-1 appears again: it was first on line 2/,
    accepted: 1,
  },
  {
    name: 'a row with too many cells',
    input: intel(goodSignal, `${goodSignal.replace('SIG-1', 'SIG-3')},extra,cells,here`),
    expected: /line 3: has 12 cells but the header has 9 columns/,
    accepted: 1,
  },
  { name: 'a file over the size limit', input: intel(goodSignal, goodSignal.replace('SIG-1', 'SIG-9')), expected: /(larger|over|limit|bytes)/i, maxBytes: 100 },
  { name: 'an email that is not one', input: comm('Ann,not-an-email,Council,Leeds,,'), expected: /line 2, Email: / },
  { name: 'a commissioner with no area', input: comm('Ann,ann@leeds.example.gov.uk,Council,,,'), expected: /line 2.*(Local authorities|Regions|URNs|area)/ },
  { name: 'an unknown region', input: comm('Ann,ann@leeds.example.gov.uk,Council,,Narnia,'), expected: /line 2, Regions: / },
  { name: 'a header-injection email', input: comm('"Ann","ann@x.gov.uk\r\nBcc: all@x.gov.uk",Council,Leeds,,'), expected: /line 2, Email: / },
];

/** Inputs that lost a whole import, or passed silently, before issue 14: each failed on the old parser. */
export const hardeningCases: ImportCase[] = [
  // Every CSV error that concerns a record is a row error (csv-parse's codes: INVALID_OPENING_QUOTE, INVALID_CLOSING_QUOTE, QUOTE_NOT_CLOSED, MAX_RECORD_SIZE); the rows around it are kept.
  {
    name: 'a quote inside an unquoted cell (Al "Bo" Cy)',
    input: intel(goodSignal, signal(2, 'Al "Bo" Cy'), signal(3)),
    expected: /line 3, Summary: "Summary" has a quote \(".*put the whole cell in quotes/,
    accepted: 2,
    kind: 'intelligence',
  },
  {
    name: 'text after a closing quote ("Al" Bo)',
    input: intel(goodSignal, signal(2, '"Al" Bo'), signal(3)),
    expected: /line 3, Summary: "Summary" has text after the closing quote/,
    accepted: 2,
  },
  {
    name: 'an unclosed quote in the middle of the file',
    input: intel(goodSignal, signal(2, '"never closed'), signal(3), signal(4)),
    expected: /line 3: has a quote \("\) that is never closed/,
    accepted: 3,
    kind: 'intelligence',
  },
  {
    name: 'an unclosed quote on the last line',
    input: intel(goodSignal, signal(2), signal(3, '"never closed')),
    expected: /line 4: has a quote \("\) that is never closed/,
    accepted: 2,
  },
  {
    name: 'an unclosed quote on the first data line, the kind still recognised',
    input: intel(signal(1, '"oops'), signal(2)),
    expected: /line 2: has a quote/,
    accepted: 1,
    kind: 'intelligence',
  },
  {
    name: 'an unclosed quote after a cell that spans lines',
    input: intel(signal(1, '"two\nlines"'), signal(2, '"oops'), signal(3)),
    expected: /line 4: has a quote/,
    accepted: 2,
  },
  {
    name: 'a broken quote in a file with CR, LF and CRLF line ends',
    input: `${INTEL_HEADER}\r\n${goodSignal}\r${signal(2, 'a "b" c')}\n${signal(3)}\r\n`,
    expected: /line 3, Summary: /,
    accepted: 2,
  },
  {
    name: 'a row of 200,000 characters',
    input: intel(goodSignal, signal(2, 'a'.repeat(200_000)), signal(3)),
    expected: /line 3: is longer than 100,000 characters/,
    accepted: 2,
  },
  {
    name: 'a quoted cell of 200,000 characters',
    input: intel(goodSignal, signal(2, `"${'a'.repeat(200_000)}"`), signal(3)),
    expected: /line 3: has a quoted cell that is still open after 100,000 characters/,
    accepted: 2,
  },
  { name: 'a header row with a broken quote', input: `Signal ID,"Date,URN\n${goodSignal}\n`, expected: /Line 1: the header row has a quote/ },
  {
    name: 'more than 1,000 quotes never closed',
    input: intel(...Array.from({ length: 1_002 }, (_, i) => `SIG-${i},01/02/2020,SC1,,complaint,1,,"${'x'.repeat(120)}`)),
    expected: /More than 1,000 quotes in this file are never closed, so it cannot be read as CSV/,
    maxRowChars: 100,
  },
  // Strict text in every cell.
  {
    name: "a right-to-left override in a commissioner's name",
    input: comm(goodCommissioner, 'Ann \u202Eeel,ann2@leeds.example.gov.uk,Council,Leeds,,'),
    expected: /line 3, Name: "Name" holds a text-direction override \(U\+202E\) at position 5/,
    accepted: 1,
  },
  {
    name: 'a zero-width space in a name',
    input: comm(goodCommissioner, 'Ann\u200B Lee,ann2@leeds.example.gov.uk,Council,Leeds,,'),
    expected: /line 3, Name: "Name" holds an invisible character \(U\+200B\)/,
    accepted: 1,
  },
  {
    name: 'a soft hyphen in a local authority name',
    input: comm(goodCommissioner, 'Bo,bo@leeds.example.gov.uk,Council,Lee\u00ADds,,'),
    expected: /line 3, Local authorities: .*invisible character \(U\+00AD\)/,
    accepted: 1,
  },
  {
    name: 'a C1 control character in a summary',
    input: intel(goodSignal, signal(2, 'bad\u0085line')),
    expected: /line 3, Summary: "Summary" holds a control character \(U\+0085\) at position 4/,
    accepted: 1,
  },
  {
    name: 'a bidi isolate in a summary',
    input: intel(goodSignal, signal(2, 'see \u2066attached\u2069')),
    expected: /line 3, Summary: .*text-direction override \(U\+2066\)/,
    accepted: 1,
  },
  {
    name: 'a C1 control character in a column no kind reads',
    input: `${INTEL_HEADER},Notes\n${goodSignal},ok\n${signal(2)},bad\u009Bcsi\n`,
    expected: /line 3, Notes: "Notes" holds a control character \(U\+009B\)/,
    accepted: 1,
  },
  // Email addresses as SES takes them.
  {
    name: 'full-width letters in an email address',
    input: comm(goodCommissioner, 'Bo,\uFF42\uFF4F@leeds.example.gov.uk,Council,Leeds,,'),
    expected: /line 3, Email: "Email" holds ".", which is not a plain ASCII character/,
    accepted: 1,
  },
  {
    name: 'a 600-character local part',
    input: comm(goodCommissioner, `Bo,${'b'.repeat(600)}@leeds.example.gov.uk,Council,Leeds,,`),
    expected: /line 3, Email: "Email" is 621 characters long: an email address has at most 254/,
    accepted: 1,
  },
  {
    name: 'a 65-character local part',
    input: comm(goodCommissioner, `Bo,${'b'.repeat(65)}@leeds.example.gov.uk,Council,Leeds,,`),
    expected: /line 3, Email: "Email" has 65 characters before the @/,
    accepted: 1,
  },
  {
    name: 'two dots in a row before the @',
    input: comm(goodCommissioner, 'Bo,bo..lee@leeds.example.gov.uk,Council,Leeds,,'),
    expected: /line 3, Email: .*the part before the @ has a character or a dot where it cannot be/,
    accepted: 1,
  },
  {
    name: 'a domain label that starts with a hyphen',
    input: comm(goodCommissioner, 'Bo,bo@-leeds.example.gov.uk,Council,Leeds,,'),
    expected: /line 3, Email: .*not a domain name/,
    accepted: 1,
  },
  // The two new kinds, and telling lists of people apart.
  {
    name: 'a contact for both a provider and an LA',
    input: contacts(goodContact, 'SC000002,Leeds,Bo Ray,bo@home.example.org.uk,'),
    expected: /line 3, URN: "URN" and "Local authority" are both given/,
    accepted: 1,
    kind: 'contacts',
  },
  {
    name: 'a contact for neither a provider nor an LA',
    input: contacts(goodContact, ',,Bo Ray,bo@home.example.org.uk,'),
    expected: /line 3, Local authority: "Local authority" and "URN" are both empty/,
    accepted: 1,
  },
  {
    name: 'the same contact twice for one provider',
    input: contacts(goodContact, goodContact),
    expected: /line 3, Email: ann@home.example.org.uk for SC000001 appears again: it was first on line 2/,
    accepted: 1,
  },
  {
    name: 'a contact with a full-width email address',
    input: contacts(goodContact, 'SC000002,,Bo,\uFF42\uFF4F@home.example.org.uk,'),
    expected: /line 3, Email: .*not a plain ASCII character/,
    accepted: 1,
  },
  {
    name: 'a reviewer for a region that does not exist',
    input: reviewers('Ann Lee,ann@inspectorate.example.gov.uk,London', 'Bo Ray,bo@inspectorate.example.gov.uk,London; Narnia'),
    expected: /line 3, Regions reviewed: "Regions reviewed" "Narnia" is not an Ofsted region/,
    accepted: 1,
    kind: 'reviewers',
  },
  {
    name: 'a reviewer with no regions',
    input: reviewers('Ann Lee,ann@inspectorate.example.gov.uk,London', 'Bo Ray,bo@inspectorate.example.gov.uk,'),
    expected: /line 3, Regions reviewed: "Regions reviewed" is empty: name the Ofsted regions/,
    accepted: 1,
  },
  {
    name: 'a list of people that could be commissioners or contacts',
    input: file('Name,Email,URN', 'Ann Lee,ann@home.example.org.uk,SC000001'),
    expected: /Line 1: the column names .* could be commissioner subscriptions .*; or factual accuracy contacts/,
  },
  {
    name: 'a header with both a commissioners column and a contacts column',
    input: file('Name,Email,Organisation,Role', 'Ann Lee,ann@x.example.gov.uk,Council,Manager'),
    expected: /could be commissioner subscriptions .* or factual accuracy contacts/,
  },
  // Rows and columns the old parser did not read.
  {
    name: 'a provider file with an "as at" row above its header',
    input:
      "Children's social care providers as at 31 March 2018\nURN,Provision type,Name,Ofsted region,Local authority\nSC000001,Children's home,REDACTED,London,Camden\n",
    expected: /^kind providers as at 2018-03-31$/m,
    accepted: 1,
  },
  {
    name: 'a compliance notice due date that is not a date',
    input: file(
      `${INTEL_HEADER},Due date`,
      `${goodSignal},`,
      'SIG-2,01/02/2020,SC000002,,enforcement-action,3,Open,Compliance notice,Enforcement team,31/13/2020',
    ),
    expected: /line 3, Due date: "Due date" "31\/13\/2020" is not a real date/,
    accepted: 1,
  },
];
