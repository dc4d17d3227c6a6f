/**
 * SES bounce and complaint notifications as SES publishes them (configuration-set event
 * publishing, `eventType`; or the older identity notifications, `notificationType`), wrapped in
 * the SNS event that invokes the ses-feedback function. Shapes from the SES developer guide,
 * "Examples of event data that Amazon SES publishes to Amazon SNS".
 */
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';

const topicArn = 'arn:aws:sns:eu-west-2:000000000000:VisitsPipeline-SesFeedbackTopic';

function mail(destination: readonly string[]) {
  const at = new Date().toISOString();
  return {
    timestamp: at,
    source: 'visits@inspectorate.example.gov.uk',
    sourceArn: 'arn:aws:ses:eu-west-2:000000000000:identity/visits@inspectorate.example.gov.uk',
    sendingAccountId: '000000000000',
    messageId: `0102${randomUUID().replace(/-/g, '')}-000000`,
    destination,
    headersTruncated: false,
    commonHeaders: { from: ['visits@inspectorate.example.gov.uk'], to: destination, subject: 'Visit report published' },
    tags: { 'ses:configuration-set': ['VisitsPipeline-SesConfigurationSet'] },
  };
}

/** A bounce: Permanent (the address does not exist) or Transient (mailbox full: SES retries it). */
export function sesBounce(addresses: readonly string[], bounceType: 'Permanent' | 'Transient') {
  return {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `0102${randomUUID().replace(/-/g, '')}-000000`,
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: addresses.map((emailAddress) =>
        bounceType === 'Permanent'
          ? { emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }
          : { emailAddress, action: 'delayed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' },
      ),
      timestamp: new Date().toISOString(),
      reportingMTA: 'dsn; a1-2.smtp-out.eu-west-2.amazonses.com',
    },
    mail: mail(addresses),
  };
}

/** A complaint (the recipient pressed "report spam"), in the event-publishing or the identity-notification shape. */
export function sesComplaint(address: string, shape: 'event' | 'identity-notification' = 'event') {
  const complaint = {
    feedbackId: `0102${randomUUID().replace(/-/g, '')}-000000`,
    complainedRecipients: [{ emailAddress: address }],
    timestamp: new Date().toISOString(),
    userAgent: 'Mozilla/5.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: new Date().toISOString(),
  };
  return shape === 'event' ? { eventType: 'Complaint', complaint, mail: mail([address]) } : { notificationType: 'Complaint', complaint, mail: mail([address]) };
}

/** The SNS event that delivers these notifications to a subscribed Lambda function, one record each. */
export function snsEvent(notifications: readonly unknown[]): SNSEvent {
  return {
    Records: notifications.map((n) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: topicArn,
        Subject: '',
        Message: JSON.stringify(n),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-example.pem',
        UnsubscribeUrl: `https://sns.eu-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
        MessageAttributes: {},
      },
    })),
  };
}
