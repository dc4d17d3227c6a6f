/** The publication pages' dependencies, wired to storage (one place for the reviewer's, the contact's and the briefing pages). */
import { loadLinkSecret } from './link-secret';
import { latestFindingsVersion } from './findings-store';
import { contactsOf, getCommissioner } from './people-store';
import { publicationPorts } from './publication-ports';
import { getEdition, getPublication, listComments } from './publication-store';
import { readReportObject } from './report-objects';
import { loadDocumentSources } from './report-store';
import { act } from '../publication/publication-service';
import type { BriefingPageDeps } from '../publication/briefing-routes';
import type { FactualAccuracyPageDeps } from '../publication/factual-accuracy-routes';
import type { ReviewPageDeps } from '../publication/review-routes';

const base = () => ({ secret: loadLinkSecret, now: () => new Date(), getPublication });

export function reviewPageDeps(): ReviewPageDeps {
  return {
    ...base(),
    loadSources: loadDocumentSources,
    latestVersion: latestFindingsVersion,
    listComments,
    contactsOf,
    act: (visitId, command, extras) => act(publicationPorts(), visitId, command, extras),
  };
}

export function factualAccuracyPageDeps(): FactualAccuracyPageDeps {
  return { ...base(), loadSources: loadDocumentSources, listComments, act: (visitId, command, extras) => act(publicationPorts(), visitId, command, extras) };
}

export function briefingPageDeps(): BriefingPageDeps {
  return { ...base(), getEdition, getCommissioner, readBriefing: readReportObject };
}
