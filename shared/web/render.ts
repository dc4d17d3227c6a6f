/**
 * One nunjucks environment for every page and report: GOV.UK Frontend's macros and template,
 * autoescape on, so inspector text can never become markup.
 *
 * Templates and the GOV.UK assets are read from the repository in development and tests, and
 * from `web/` beside the bundle inside a Lambda (the CDK bundling step copies them there).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

interface WebRoots {
  /** Our own templates (shared/web/templates plus any extra dirs). */
  readonly templates: string;
  /** govuk-frontend's dist folder (holds govuk/template.njk, the macros, CSS and JS). */
  readonly govukDist: string;
}

function findRoots(): WebRoots {
  const lambdaRoot = process.env.LAMBDA_TASK_ROOT;
  if (lambdaRoot && existsSync(join(lambdaRoot, 'web', 'templates'))) {
    return { templates: join(lambdaRoot, 'web', 'templates'), govukDist: join(lambdaRoot, 'web', 'govuk-frontend') };
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  // Walk up to the repository root (the folder holding node_modules/govuk-frontend).
  for (let i = 0; i < 6 && !existsSync(join(dir, 'node_modules', 'govuk-frontend')); i++) dir = resolve(dir, '..');
  return { templates: join(dir, 'shared', 'web', 'templates'), govukDist: join(dir, 'node_modules', 'govuk-frontend', 'dist') };
}

let cached: { env: nunjucks.Environment; roots: WebRoots } | undefined;

function environment(): { env: nunjucks.Environment; roots: WebRoots } {
  if (cached) return cached;
  const roots = findRoots();
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([roots.templates, roots.govukDist], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  cached = { env, roots };
  return cached;
}

/** Render one of our templates (path relative to shared/web/templates) to HTML. */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return environment().env.render(template, context);
}

/** GOV.UK Frontend's compiled CSS, for inlining into self-contained reports stored in S3. */
export function govukCss(): string {
  return readFileSync(join(environment().roots.govukDist, 'govuk', 'govuk-frontend.min.css'), 'utf8');
}

/** GOV.UK Frontend's browser JavaScript (ES module bundle), for pages served by the web function. */
export function govukJs(): string {
  return readFileSync(join(environment().roots.govukDist, 'govuk', 'govuk-frontend.min.js'), 'utf8');
}

/** Absolute paths of the web roots, for the CDK bundling step that copies them into each Lambda. */
export function webRoots(): WebRoots {
  return environment().roots;
}

/** A bundled browser script (shared/web/browser/dist in the repo, web/browser in a Lambda). */
export function browserScript(name: string): string | undefined {
  const lambdaRoot = process.env.LAMBDA_TASK_ROOT;
  const dir =
    lambdaRoot && existsSync(join(lambdaRoot, 'web', 'browser'))
      ? join(lambdaRoot, 'web', 'browser')
      : join(dirname(environment().roots.templates), 'browser', 'dist');
  const file = join(dir, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
