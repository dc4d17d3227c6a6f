/**
 * The findings form in the browser: GOV.UK Frontend components, validation with the same zod
 * schema and rules the ingest Lambda uses (so the inspector sees the backend's messages before
 * uploading), a GOV.UK error summary, then a "Check your answers" step that shows the public report
 * as it will read (rendered by the page function from the real model) and the restricted answers
 * apart, and only then a direct upload to S3 with the pre-signed POST and a move to the status
 * page. Bundled by scripts/build-browser.ts.
 */
import './zod-jitless';
import { Button, CharacterCount, createAll, ErrorSummary, Radios, SkipLink, type ComponentClass } from 'govuk-frontend';
import { findingsRulesFor, findingsSchema, FINDINGS_SCHEMA_VERSION } from '../../findings/schema';

interface UploadTarget {
  readonly url: string;
  readonly fields: Record<string, string>;
}

interface Problem {
  /** The id of the element the summary link focuses. */
  readonly href: string;
  /** The form group that shows the inline message. */
  readonly field: string;
  readonly message: string;
}

const form = document.getElementById('findings-form') as HTMLFormElement | null;

/** The GOV.UK components the findings form uses: only their code is bundled (initAll would bring every component). */
const COMPONENTS: readonly ComponentClass[] = [Button, CharacterCount, ErrorSummary, Radios, SkipLink];

function startComponents(scope: Element = document.body): void {
  for (const component of COMPONENTS) createAll(component, undefined, scope);
}

/** Where each top-level findings field lives in the page (the first input of a group). */
const FIELD_TARGETS: Record<string, string> = {
  visitStartDate: 'visitStartDate-day',
  visitEndDate: 'visitEndDate-day',
  method: 'method',
  seriousConcerns: 'seriousConcerns',
  enforcementAction: 'enforcementAction',
};

const LIST_NAMES: Record<string, string> = { goingWell: 'what is going well', needsToImprove: 'what needs to improve', recommendations: 'the recommendations' };

function value(name: string): string {
  const el = form?.elements.namedItem(name);
  if (!el) return '';
  if (el instanceof RadioNodeList) return el.value;
  return (el as HTMLInputElement | HTMLTextAreaElement).value;
}

function lines(name: string): string[] {
  return value(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Day, month and year boxes -> an ISO date, or a problem in the words GOV.UK's date pattern uses. */
function dateOf(prefix: string, label: string): { iso?: string; problem?: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => value(`${prefix}-${p}`).trim());
  if (!d && !m && !y) return { problem: `Enter the ${label}` };
  const missing = [
    ['day', d],
    ['month', m],
    ['year', y],
  ]
    .filter(([, v]) => !v)
    .map(([n]) => n);
  if (missing.length) return { problem: `The ${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return { problem: `The ${label} must be a real date` };
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(iso)) return { problem: `The ${label} must be a real date` };
  return { iso };
}

/** Requirement rows: each filled-in row as a requirement, and the problems of rows filled in only partly. */
function requirements(problems: Problem[]): Record<string, unknown>[] {
  const rows = Number(form!.dataset.requirementRows ?? '0');
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows; i++) {
    const prefix = `requirements-${i}`;
    const text = value(`${prefix}-text`).trim();
    const regulation = value(`${prefix}-regulation`).trim();
    const dateGiven = ['day', 'month', 'year'].some((p) => value(`${prefix}-dueDate-${p}`).trim() !== '');
    if (!text && !regulation && !dateGiven) continue;
    const due = dateOf(`${prefix}-dueDate`, `due date of requirement ${i + 1}`);
    if (due.problem) problems.push({ href: `${prefix}-dueDate-day`, field: `${prefix}-dueDate`, message: due.problem });
    out.push({ text: text || undefined, ...(regulation ? { regulation } : {}), dueDate: due.iso ?? '' });
  }
  return out;
}

function collect(kind: 'provider' | 'la'): { candidate: Record<string, unknown>; dateProblems: Problem[] } {
  const visitId = form!.dataset.visitId ?? '';
  const start = dateOf('visitStartDate', 'first day of the visit');
  const end = dateOf('visitEndDate', 'last day of the visit');
  const dateProblems: Problem[] = [];
  if (start.problem) dateProblems.push({ href: FIELD_TARGETS.visitStartDate!, field: 'visitStartDate', message: start.problem });
  if (end.problem) dateProblems.push({ href: FIELD_TARGETS.visitEndDate!, field: 'visitEndDate', message: end.problem });
  const requirementList = kind === 'provider' ? requirements(dateProblems) : [];
  const concerns = value('seriousConcerns');
  const optional = (name: string) => (value(name).trim() === '' ? undefined : value(name));
  const candidate: Record<string, unknown> = {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    visitId,
    visitStartDate: start.iso ?? '',
    visitEndDate: end.iso ?? '',
    method: value('method') || undefined,
    childrensExperiences: value('childrensExperiences'),
    pandemicDecisions: value('pandemicDecisions'),
    goingWell: lines('goingWell'),
    needsToImprove: lines('needsToImprove'),
    requirements: requirementList,
    recommendations: lines('recommendations'),
    seriousConcerns: concerns === 'yes' ? true : concerns === 'no' ? false : undefined,
    notesForCommissioners: optional('notesForCommissioners'),
  };
  if (kind === 'la') candidate.schoolsJoinedUp = value('schoolsJoinedUp');
  if (concerns === 'yes') {
    candidate.seriousConcernsDescription = optional('seriousConcernsDescription');
    if (kind === 'provider') candidate.enforcementAction = value('enforcementAction') || undefined;
  }
  return { candidate, dateProblems };
}

function problemFor(path: readonly PropertyKey[], message: string): Problem {
  const field = String(path[0] ?? '');
  const index = typeof path[1] === 'number' ? path[1] : undefined;
  if (field === 'requirements' && index !== undefined) {
    const part = String(path[2] ?? 'text');
    const target = part === 'dueDate' ? `requirements-${index}-dueDate-day` : `requirements-${index}-${part}`;
    return { href: target, field: `requirements-${index}-${part}`, message: `Requirement ${index + 1}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` };
  }
  const text =
    index !== undefined && LIST_NAMES[field] ? `Point ${index + 1} of ${LIST_NAMES[field]}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
  return { href: FIELD_TARGETS[field] ?? field, field, message: text };
}

function validate(kind: 'provider' | 'la'): { findings?: unknown; problems: Problem[] } {
  const { candidate, dateProblems } = collect(kind);
  const parsed = findingsSchema().safeParse(candidate);
  const dateFields = new Set(dateProblems.map((p) => p.field));
  const problems = [...dateProblems];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const p = problemFor(issue.path, issue.message);
      if (dateFields.has(p.field)) continue; // the friendlier date message is already there
      if (!problems.some((q) => q.field === p.field && q.message === p.message)) problems.push(p);
    }
    return { problems };
  }
  const visitDates = { earliest: form!.dataset.earliest ?? '0000-01-01', latest: form!.dataset.latest ?? '9999-12-31' };
  for (const rule of findingsRulesFor({ kind, visitDates }, parsed.data)) problems.push(problemFor([rule.path], rule.message));
  return problems.length ? { problems } : { findings: parsed.data, problems };
}

function clearErrors(): void {
  document.getElementById('error-summary-slot')!.replaceChildren();
  form!.querySelectorAll('.app-js-error').forEach((e) => e.remove());
  form!.querySelectorAll('.govuk-form-group--error').forEach((g) => g.classList.remove('govuk-form-group--error'));
  form!.querySelectorAll('.govuk-input--error, .govuk-textarea--error').forEach((e) => e.classList.remove('govuk-input--error', 'govuk-textarea--error'));
  document.title = document.title.replace(/^Error: /, '');
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Date inputs nest a form group per box: the message belongs to the group around the whole question. */
function outermostGroup(el: Element | null): Element | null {
  // Questions revealed by a radio (serious concerns) are their own groups: never climb out of the reveal.
  let group = el?.closest('.govuk-form-group') ?? null;
  for (;;) {
    const up = group?.parentElement?.closest('.govuk-form-group, .govuk-radios__conditional');
    if (!up || !up.classList.contains('govuk-form-group') || !form!.contains(up)) return group;
    group = up;
  }
}

function showErrors(problems: readonly Problem[], title = 'There is a problem'): void {
  clearErrors();
  const list = el('ul', { class: 'govuk-list govuk-error-summary__list' }, ...problems.map((p) => el('li', {}, el('a', { href: `#${p.href}` }, p.message))));
  const summary = el(
    'div',
    { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary' },
    el('div', { role: 'alert' }, el('h2', { class: 'govuk-error-summary__title' }, title), el('div', { class: 'govuk-error-summary__body' }, list)),
  );
  document.getElementById('error-summary-slot')!.append(summary);
  for (const p of problems) {
    const target = document.getElementById(p.href);
    const group = outermostGroup(target);
    if (!group) continue;
    group.classList.add('govuk-form-group--error');
    const message = el(
      'p',
      { class: 'govuk-error-message app-js-error', id: `${p.field}-error` },
      el('span', { class: 'govuk-visually-hidden' }, 'Error:'),
      ` ${p.message}`,
    );
    // GOV.UK places the message after the hint, or after the label or legend when there is none.
    const notCount = ':not(.govuk-character-count__message)';
    const hint = group.querySelector(`:scope > .govuk-hint${notCount}, :scope > fieldset > .govuk-hint${notCount}`);
    const anchor = group.querySelector(':scope > fieldset > legend, :scope > label, :scope > .govuk-label-wrapper');
    (hint ?? anchor)?.after(message);
    if (target instanceof HTMLTextAreaElement) target.classList.add('govuk-textarea--error');
    else if (target instanceof HTMLInputElement && target.type !== 'radio') target.classList.add('govuk-input--error');
    const described = target?.getAttribute('aria-describedby') ?? '';
    if (target && !described.includes(message.id)) target.setAttribute('aria-describedby', `${described} ${message.id}`.trim());
  }
  document.title = `Error: ${document.title}`;
  startComponents(document.getElementById('error-summary-slot')!); // focuses the summary, links focus fields
}

async function upload(target: UploadTarget, findings: unknown): Promise<void> {
  const body = new FormData();
  for (const [k, v] of Object.entries(target.fields)) body.append(k, v);
  // S3 requires the file to be the last field of a POST upload.
  body.append('file', new Blob([JSON.stringify(findings)], { type: 'application/json' }), 'findings.json');
  const res = await fetch(target.url, { method: 'POST', body, mode: 'cors' });
  if (!res.ok) throw new Error(`the upload service answered ${res.status}`);
}

/** The public report as it will read, and the restricted answers, from the page function (the same model as the published report). */
async function showCheckStep(previewUrl: string, findings: unknown): Promise<void> {
  const res = await fetch(previewUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(findings) });
  const body = (await res.json()) as { report?: string; restricted?: string; problems?: string[] };
  if (!res.ok || body.report === undefined) throw new Error(body.problems?.join('; ') ?? `the page answered ${res.status}`);
  // Server-rendered, autoescaped HTML of our own: parsed, not executed (no scripts in it).
  const parse = (s: string) => Array.from(new DOMParser().parseFromString(s, 'text/html').body.children);
  document.getElementById('check-report')!.replaceChildren(...parse(body.report));
  document.getElementById('check-restricted')!.replaceChildren(...parse(body.restricted ?? ''));
  document.getElementById('findings-step')!.hidden = true;
  document.getElementById('check-step')!.hidden = false;
  document.title = document.title.replace(/^(Error: )?/, 'Check your answers: ');
  window.scrollTo(0, 0);
  document.getElementById('check-heading')?.focus();
}

function backToForm(): void {
  document.getElementById('check-step')!.hidden = true;
  document.getElementById('findings-step')!.hidden = false;
  document.title = document.title.replace(/^Check your answers: /, '');
  document.getElementById('visitStartDate-day')?.focus();
}

if (form) {
  startComponents();
  // A page restored by Back (from the browser's cache) holds a used upload form: load it again,
  // and the page says the findings were already sent.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
  const kind = form.dataset.visitKind === 'la' ? 'la' : 'provider';
  const target = JSON.parse(document.getElementById('upload-target')?.textContent ?? '{}') as UploadTarget;
  const button = document.getElementById('submit-findings') as HTMLButtonElement | null;
  const send = document.getElementById('send-findings') as HTMLButtonElement | null;
  let checked: unknown;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { findings, problems } = validate(kind);
    if (problems.length || findings === undefined) {
      showErrors(problems);
      return;
    }
    clearErrors();
    if (button) button.disabled = true;
    showCheckStep(form.dataset.previewUrl!, findings)
      .then(() => {
        checked = findings;
      })
      .catch((err: unknown) => {
        showErrors(
          [
            {
              href: 'submit-findings',
              field: 'submit',
              message: `Your answers could not be checked (${err instanceof Error ? err.message : String(err)}). Check your connection and try again.`,
            },
          ],
          'There is a problem',
        );
      })
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
  document.getElementById('change-answers')?.addEventListener('click', backToForm);
  send?.addEventListener('click', () => {
    if (checked === undefined) return;
    send.disabled = true;
    upload(target, checked)
      .then(() => window.location.assign(form.dataset.statusUrl!))
      .catch((err: unknown) => {
        send.disabled = false;
        backToForm();
        showErrors(
          [
            {
              href: 'submit-findings',
              field: 'submit',
              message: `Your findings were not uploaded (${err instanceof Error ? err.message : String(err)}). Check your connection and submit again; if the page is more than 15 minutes old, reload it first.`,
            },
          ],
          'Your findings were not uploaded',
        );
      });
  });
}
