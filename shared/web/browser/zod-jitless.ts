/**
 * Imported first by the page scripts: zod otherwise tries `new Function('')` when a schema is
 * built, to see whether it may compile validators. The pages' CSP refuses eval, so it never may,
 * and the attempt shows as a CSP violation. Modules run in import order, so this runs before any
 * schema module does.
 */
import * as z from 'zod';

z.config({ jitless: true });
