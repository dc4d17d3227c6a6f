import { composeReportEmail } from './shared/email/report-email';
import { typicalDocuments } from './test/support/report-fixture';
const { briefing } = typicalDocuments();
const email = await composeReportEmail({ commissioner: { commissionerId: 'c1', name: 'P', email: 'p@x.gov.uk', localAuthorities: [], regions: [], urns: [] }, briefing, reportUrl: 'https://r', briefingUrl: 'https://b', unsubscribeUrl: 'https://u', briefingPdf: Buffer.from('%PDF'), sender: 's@x.gov.uk' });
console.log(email.raw.toString('utf8').split('\n').filter(l => /Content-|filename|name=/.test(l)).join('\n'));
console.log(email.text);
