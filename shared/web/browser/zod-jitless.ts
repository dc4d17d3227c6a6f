/**
 * Imported first by the page scripts: zod otherwise tries `new Function('')` when a schema is
 * built, to see whether it may compile validators. The pages' CSP refuses eval, so it never may,
 * and the attempt shows as a CSP violation. Modules run in import order, so this runs before any
 * schema module does. zod/mini, as the schemas use (classic zod would put all of itself in the
 * page's bundle); its config is zod's one global configuration.
 */
import { config } from 'zod/mini';

config({ jitless: true });
