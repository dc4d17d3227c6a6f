/**
 * Every `npm run visit` subcommand, one file each under scripts/visit/. Add a command by writing
 * its file and listing it here.
 */
import type { VisitCommand } from './command';

export const visitCommands: readonly VisitCommand[] = [];
