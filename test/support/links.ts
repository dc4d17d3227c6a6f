/** Signed links as the product issues them, for tests that open a page as its user would. */
import { limits } from '../../infra/catalogue';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import type { Visit } from '../../shared/domain/types';
import { createVisitToken, visitLinkUrl } from '../../shared/findings/visit-token';

/** The inspector's signed link for a visit, as `npm run visit-link` prints it. */
export async function inspectorLink(web: string, visit: Visit): Promise<string> {
  const token = createVisitToken(await loadLinkSecret(), {
    visitId: visit.visitId,
    inspector: visit.inspector!,
    expiresAt: new Date(Date.now() + limits.visitLinkLifetimeDays * 86_400_000).toISOString(),
  });
  return visitLinkUrl(web, visit.visitId, token);
}
