/** `npm run build:browser`: bundle the page scripts (also done by npm start, tests and synth). */
import { buildBrowserBundles } from '../shared/web/browser/build';

for (const out of await buildBrowserBundles()) console.log(`${out.file}: ${(out.bytes / 1024).toFixed(1)} KB`);
