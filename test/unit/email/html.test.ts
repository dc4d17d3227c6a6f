import { describe, expect, it } from 'vitest';
import { composeBlockEmail } from '../../../shared/email/blocks';
import { composeDigestEmail, composeReminderEmail } from '../../../shared/email/digest-email';
import { blocksHtml, emailDocument, escapeHtml } from '../../../shared/email/html';

const evil = `<script>alert(1)</script>" onmouseover="x' \\ &`;

describe("emails' HTML", () => {
  it('escapes the characters nunjucks escaped, in text and in attributes', () => {
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &#92; &amp;');
    const html = blocksHtml([{ p: evil }, { strong: evil }, { warning: evil }, { list: [evil, 'b'] }, { link: { href: `https://x/?a=1&b="2"`, text: evil } }]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('" onmouseover');
    expect(html).toContain('<a href="https://x/?a=1&amp;b=&quot;2&quot;" style="color:#1d70b8;font-weight:bold;">&lt;script&gt;');
    expect(html.split('\n')).toHaveLength(5);
    expect(html).toContain('<ul><li>&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &#92; &amp;</li><li>b</li></ul>');
  });

  it('has the unsubscribe footer only for a subscription, and the subject as its title', () => {
    const withFooter = emailDocument('Visit <report>', '<p>x</p>', 'https://visits.example/unsubscribe?token=a&b');
    expect(withFooter).toContain('<title>Visit &lt;report&gt;</title>');
    expect(withFooter).toContain('<a href="https://visits.example/unsubscribe?token=a&amp;b" style="color:#1d70b8;">Unsubscribe</a>.');
    expect(emailDocument('S', '<p>x</p>')).not.toContain('Unsubscribe');
  });

  it('says in the HTML what the text part says, for block emails, digests and reminders', () => {
    const block = composeBlockEmail({ from: 'f@x', to: 't@x', subject: 'S', blocks: [{ p: 'One' }, { list: ['Two', 'Three'] }] });
    for (const t of ['One', 'Two', 'Three']) expect(block.html).toContain(t);
    const digest = composeDigestEmail({
      commissioner: { commissionerId: 'c', name: 'Priya <Shah>', email: 'p@x', localAuthorities: [], regions: [], urns: [] },
      weekOf: '2020-09-07',
      items: [{ title: 'Visit to A & B', url: 'https://x/a?b=1&c=2', seriousConcerns: true }],
      unsubscribeUrl: 'https://x/u',
      sender: 'f@x',
    });
    expect(digest.html).toContain('<p>Dear Priya &lt;Shah&gt;,</p>');
    expect(digest.html).toContain('<p>1 visit report was published in your area in the week of 07/09/2020.</p>');
    expect(digest.html).toContain(
      '<li><strong>Serious concerns:</strong> <a href="https://x/a?b=1&amp;c=2" style="color:#1d70b8;">Visit to A &amp; B</a></li>',
    );
    const reminder = composeReminderEmail({
      inspectorEmail: 'i@x',
      visit: {
        visitId: 'v',
        programmeId: 'p',
        kind: 'provider',
        target: 'SC1',
        targetName: 'Home <1>',
        localAuthority: 'Leeds',
        region: 'North East, Yorkshire and the Humber',
        week: '2020-09-07',
        noticeDate: '2020-09-01',
        score: 1,
        reasons: [],
        status: 'planned',
      },
      daysOverdue: 1,
      findingsUrl: 'https://x/f?t=1&u=2',
      sender: 'f@x',
    });
    expect(reminder.html).toContain('<strong>Home &lt;1&gt;</strong> (Leeds), planned for the week of 07/09/2020. That week ended 1 day ago.');
    expect(reminder.html).toContain('<a href="https://x/f?t=1&amp;u=2" style="color:#1d70b8;font-weight:bold;">Submit the findings</a>.');
  });
});
