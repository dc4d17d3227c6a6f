/**
 * Every `npm run visit` subcommand, one file each under scripts/visit/. Add a command by writing
 * its file and listing it here.
 */
import { cancel } from './cancel';
import type { VisitCommand } from './command';
import { defer } from './defer';

export const visitCommands: readonly VisitCommand[] = [defer, cancel];
