/**
 * The adapter that finds and reads the render files: inside a Lambda from the folders the CDK
 * bundling step copies beside the bundle (`web/templates`, `web/govuk-frontend/govuk`,
 * `web/browser`, `fonts/`), elsewhere from the repository (shared/web/templates, node_modules).
 * Files are read once per container. `renderFiles()` is what the renderers use; tests can hand
 * them in-memory files with `useRenderFiles`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderFiles } from './render-files';

export interface BundleRoots {
  /** Our own templates (shared/web/templates). */
  readonly templates: string;
  /** govuk-frontend's dist folder (holds govuk/template.njk, the macros, CSS, JS and assets). */
  readonly govukDist: string;
  /** Bundled browser scripts (shared/web/browser/dist). */
  readonly browser: string;
  /** The PDF fonts (dejavu-fonts-ttf's ttf folder). */
  readonly fonts: string;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  // Walk up to the folder holding node_modules/govuk-frontend.
  for (let i = 0; i < 6 && !existsSync(join(dir, 'node_modules', 'govuk-frontend')); i++) dir = resolve(dir, '..');
  return dir;
}

export function findBundleRoots(): BundleRoots {
  const lambdaRoot = process.env.LAMBDA_TASK_ROOT;
  if (lambdaRoot && existsSync(join(lambdaRoot, 'web', 'templates'))) {
    const web = join(lambdaRoot, 'web');
    return { templates: join(web, 'templates'), govukDist: join(web, 'govuk-frontend'), browser: join(web, 'browser'), fonts: join(lambdaRoot, 'fonts') };
  }
  const root = repoRoot();
  return {
    templates: join(root, 'shared', 'web', 'templates'),
    govukDist: join(root, 'node_modules', 'govuk-frontend', 'dist'),
    browser: join(root, 'shared', 'web', 'browser', 'dist'),
    fonts: join(root, 'node_modules', 'dejavu-fonts-ttf', 'ttf'),
  };
}

/** Reads `name` under `root`, never outside it; undefined when there is no such file. */
function readUnder(root: string, name: string): Buffer | undefined {
  const file = resolve(root, name);
  if (!file.startsWith(root + sep) || !existsSync(file)) return undefined;
  return readFileSync(file);
}

export function bundleFiles(roots: BundleRoots = findBundleRoots()): RenderFiles {
  const cache = new Map<string, Buffer | undefined>();
  const read = (root: string, name: string): Buffer | undefined => {
    const key = `${root}\0${name}`;
    if (!cache.has(key)) cache.set(key, readUnder(root, name));
    return cache.get(key);
  };
  let names: string[] | undefined;
  return {
    template: (name) => (read(roots.templates, name) ?? read(roots.govukDist, name))?.toString('utf8'),
    templateNames: () =>
      (names ??= existsSync(roots.templates)
        ? readdirSync(roots.templates, { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.njk'))
            .map((f) => relative(roots.templates, join(roots.templates, f)).split(sep).join('/'))
            .sort()
        : []),
    govuk: (path) => read(join(roots.govukDist, 'govuk'), path),
    browserScript: (name) => read(roots.browser, name),
    pdfFont: (file) => read(roots.fonts, file),
  };
}

let current: RenderFiles | undefined;

/** The render files in use: the bundle's (or repository's), unless a test handed others. */
export function renderFiles(): RenderFiles {
  return (current ??= bundleFiles());
}

/** Hand the renderers other files (tests: in-memory templates); `undefined` goes back to the bundle's. */
export function useRenderFiles(files: RenderFiles | undefined): void {
  current = files;
}
