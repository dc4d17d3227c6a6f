import { afterEach, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../shared/reports/render-html';
import { renderPublishedIndex } from '../../../shared/reports/published-index';
import { bundleFiles, useRenderFiles } from '../../../shared/web/bundle-files';
import { cspHash } from '../../../shared/web/inline-blocks';
import { createRenderer, renderer, renderTemplate } from '../../../shared/web/render';
import { memoryRenderFiles } from '../../../shared/web/render-files';
import { typicalReportModel } from '../../support/report-fixture';

afterEach(() => useRenderFiles(undefined));

const inlineBodies = (page: string, tag: 'script' | 'style') =>
  [...page.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
    .filter(([, attrs = '']) => !/type="application\/json"/.test(attrs))
    .map(([, , body = '']) => body)
    .filter((b) => b.trim() !== '');

describe('the renderer', () => {
  it('renders from templates held in memory, resolving relative imports and escaping every value', () => {
    const r = createRenderer(
      memoryRenderFiles({
        templates: { 'page.njk': '{% extends "govuk/base.njk" %}{% block body %}<p>{{ name }}</p>{% endblock %}' },
        govukTemplates: {
          'govuk/base.njk': '{% from "./macros/shout.njk" import shout %}<main>{{ shout("hello") }}{% block body %}{% endblock %}</main>',
          'govuk/macros/shout.njk': '{% macro shout(t) %}<b>{{ t | upper }}</b>{% endmacro %}',
        },
      }),
    );
    expect(r.render('page.njk', { name: '<script>x</script>' })).toBe('<main><b>HELLO</b><p>&lt;script&gt;x&lt;/script&gt;</p></main>');
  });

  it('links assets by their content-hashed URL', () => {
    const r = createRenderer(
      memoryRenderFiles({ templates: { 'a.njk': '<script src="{{ assetHref(\'findings.js\') }}"></script>' }, browser: { 'findings.js': 'go()' } }),
    );
    expect(r.render('a.njk', {})).toMatch(/^<script src="\/assets\/findings\.[0-9a-f]{12}\.js"><\/script>$/);
  });

  it('renderTemplate uses the files it is handed, so renderers can be tested without the file system', () => {
    useRenderFiles(memoryRenderFiles({ templates: { 'x/y.njk': 'Hello {{ who }}' } }));
    expect(renderTemplate('x/y.njk', { who: 'Ann' })).toBe('Hello Ann');
  });

  it('says which template is missing', () => {
    expect(() => createRenderer(memoryRenderFiles({})).render('nope.njk', {})).toThrow(/nope\.njk/);
  });
});

describe('our templates and the CSP', () => {
  it('hold no inline script that depends on the page (each can be allowed by a hash known ahead)', () => {
    const blocks = createRenderer(bundleFiles()).inlineBlocks();
    expect(blocks.dynamicScripts).toEqual([]);
    expect(blocks.scriptHashes.length).toBeGreaterThan(0);
  });

  it('allow every inline script and style a stored report and the index carry', () => {
    const known = renderer().inlineBlocks();
    const pages = [renderReportHtml(typicalReportModel()), renderPublishedIndex([])];
    for (const page of pages) {
      const scripts = inlineBodies(page, 'script');
      const styles = inlineBodies(page, 'style');
      expect(scripts.length + styles.length).toBeGreaterThan(1);
      for (const body of scripts) expect(known.scriptHashes).toContain(cspHash(body));
      for (const body of styles) expect(known.styleHashes).toContain(cspHash(body));
    }
  });
});
