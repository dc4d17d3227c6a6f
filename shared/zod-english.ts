/**
 * zod's English messages, for the schemas built with zod/mini. The Lambdas and the browser use
 * zod/mini (tree-shaken, and its schemas are cheap to build: it keeps cold starts short), which,
 * unlike classic zod, loads no locale: without this every message we do not write ourselves would
 * read "Invalid input". Every module that builds a schema imports this first (`import
 * '../zod-english'`), so the import reports, the findings form and the CLI say what classic zod
 * said, e.g. 'Too small: expected string to have >=1 characters'.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
