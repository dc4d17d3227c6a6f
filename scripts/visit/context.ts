/** What every `npm run visit` command needs: the local cloud's endpoints, the visit, and how to act on and show its publication. */
import { userInfo } from 'node:os';
import { controlLocalCloud } from '../../infra/local/cloud';
import { requireEnv } from '../../shared/aws/config';
import { getVisit } from '../../shared/aws/findings-store';
import { publicationPorts } from '../../shared/aws/publication-ports';
import { getPublication } from '../../shared/aws/publication-store';
import type { Visit } from '../../shared/domain/types';
import type { PublicationCommand } from '../../shared/publication/lifecycle';
import type { WithPublication } from '../../shared/publication/ports';
import { act, type ActResult } from '../../shared/publication/publication-service';
import { statusJson, statusText } from '../../shared/publication/status';
import { publicReportKey } from '../../shared/object-keys';
import { CliError } from '../lib/cli';
import { loadLocalEndpoints } from '../lib/local-env';

export interface VisitContext {
  readonly visit: Visit;
  /** Who ops commands are recorded as. */
  readonly by: string;
  act(command: PublicationCommand, extras?: () => readonly WithPublication[]): Promise<ActResult>;
  /** Print the status (one JSON object with --json) and return the exit code. */
  show(json: boolean, note?: string): Promise<number>;
}

export async function visitContext(visitId: string): Promise<VisitContext> {
  const endpoints = loadLocalEndpoints();
  const visit = await getVisit(visitId);
  if (!visit) throw new CliError(`No visit ${visitId}. Visit ids are in the programme report, or: npm run prioritise -- --json`);
  const ports = publicationPorts();
  return {
    visit,
    by: `ops:${userInfo().username}`,
    act: async (command, extras) => {
      const result = await act(ports, visitId, command, extras);
      // What follows (documents, emails) runs in the local cloud: wait for it, so status shows it.
      await controlLocalCloud(endpoints.web, 'idle');
      return result;
    },
    show: async (json, note) => {
      const p = await getPublication(visitId);
      const base = requireEnv('webBaseUrl');
      const s = statusJson(visitId, p, { html: `${base}/${publicReportKey(visit, 'html')}`, pdf: `${base}/${publicReportKey(visit, 'pdf')}` });
      if (note) console.error(note);
      console.log(json ? JSON.stringify(s) : statusText(s, p));
      return 0;
    },
  };
}

/** A refused change is the user's to fix: its reason, and exit 1. */
export function orRefused(result: ActResult): ActResult {
  if (result.outcome === 'refused') throw new CliError(result.reason);
  return result;
}

export const noteFor = (result: ActResult, done: string) => (result.outcome === 'repeat' ? 'Already done: nothing changed.' : done);
