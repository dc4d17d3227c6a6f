/**
 * Every `npm run visit` subcommand, one file each under scripts/visit/. Add a command by writing
 * its file and listing it here.
 */
import { amend } from './amend';
import { approve } from './approve';
import { cancel } from './cancel';
import type { VisitCommand } from './command';
import { defer } from './defer';
import { publish } from './publish';
import { returnFindings } from './return';
import { status } from './status';
import { withdraw } from './withdraw';

export const visitCommands: readonly VisitCommand[] = [status, defer, cancel, approve, returnFindings, publish, amend, withdraw];
