/** Emails to the people who take part in publication: the reviewer, the inspector (findings returned), the provider or LA contact. */
import { ukDate } from '../domain/dates';
import type { Visit } from '../domain/types';
import type { ComposedEmail } from './compose';
import { composeBlockEmail } from './blocks';

interface To {
  readonly to: string;
  readonly sender: string;
  readonly link: string;
}

export function composeReviewRequest(i: To & { visit: Visit; version: number; linkExpiresOn: string }): ComposedEmail {
  return composeBlockEmail({
    from: i.sender,
    to: i.to,
    subject: `Findings to review: ${i.visit.targetName}, ${i.visit.localAuthority}`,
    blocks: [
      { p: 'Hello,' },
      {
        p: `Findings from the visit to ${i.visit.targetName} (${i.visit.localAuthority}, week of ${ukDate(i.visit.week)}) are ready for your review (version ${i.version}). Nothing is published until you approve them and the provider or local authority has checked the draft for factual accuracy.`,
      },
      { link: { href: i.link, text: 'Review the findings' } },
      { p: `The link is personal to you and works until ${ukDate(i.linkExpiresOn)}. Ask the planning team for a new one if it runs out.` },
    ],
  });
}

export function composeCommentToAnswer(i: To & { visit: Visit; from: string; linkExpiresOn: string }): ComposedEmail {
  return composeBlockEmail({
    from: i.sender,
    to: i.to,
    subject: `Factual accuracy comment to answer: ${i.visit.targetName}, ${i.visit.localAuthority}`,
    blocks: [
      { p: 'Hello,' },
      {
        p: `${i.from} has commented on the draft report of the visit to ${i.visit.targetName} (${i.visit.localAuthority}). Record whether you accept it: accepted, with corrected text where needed, or not accepted, with your reason.`,
      },
      { warning: 'The report cannot be published until every factual accuracy comment is answered.' },
      { link: { href: i.link, text: 'Answer the comment' } },
      { p: `The link is personal to you and works until ${ukDate(i.linkExpiresOn)}.` },
    ],
  });
}

export function composeReturnedEmail(i: To & { visit: Visit; comments: string }): ComposedEmail {
  return composeBlockEmail({
    from: i.sender,
    to: i.to,
    subject: `Findings returned: ${i.visit.targetName}, ${i.visit.localAuthority}`,
    blocks: [
      { p: 'Hello,' },
      { p: `Your reviewer has returned the findings for your visit to ${i.visit.targetName} (${i.visit.localAuthority}) with comments:` },
      { strong: i.comments },
      {
        p: 'The form shows these comments and your last answers. Change what is needed and submit again: a new version is kept, and the earlier one stays on record.',
      },
      { link: { href: i.link, text: 'Open the findings form' } },
    ],
  });
}

export function composeFactualAccuracyRequest(i: To & { name?: string; reportTitle: string; closesOn: string }): ComposedEmail {
  return composeBlockEmail({
    from: i.sender,
    to: i.to,
    subject: `Draft report to check for factual accuracy: ${i.reportTitle}`,
    blocks: [
      { p: `Dear ${i.name ?? 'colleague'},` },
      {
        p: `Before we publish the report of our visit, please check the draft for factual accuracy: names, dates, numbers and facts about your service. Tell us about any error, section by section, or tell us you have no comments.`,
      },
      { warning: `The draft is not published and must not be shared. Comments close at the end of ${ukDate(i.closesOn)}.` },
      { link: { href: i.link, text: 'Check the draft report' } },
      { p: 'If we hear nothing by then, the report is published as it stands.' },
    ],
  });
}
