/** Which addresses an SES bounce / complaint notification asks us to stop sending to. */
export interface SesNotification {
  readonly eventType?: string;
  readonly notificationType?: string;
  readonly bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress: string; diagnosticCode?: string }[] };
  readonly complaint?: { complainedRecipients?: { emailAddress: string }[]; complaintFeedbackType?: string };
}

export function addressesToSuppress(n: SesNotification): { email: string; reason: 'bounce' | 'complaint'; detail: string }[] {
  const type = n.eventType ?? n.notificationType;
  if (type === 'Bounce' && n.bounce?.bounceType === 'Permanent') {
    return (n.bounce.bouncedRecipients ?? []).map((r) => ({
      email: r.emailAddress,
      reason: 'bounce' as const,
      detail: r.diagnosticCode ?? 'permanent bounce',
    }));
  }
  if (type === 'Complaint') {
    return (n.complaint?.complainedRecipients ?? []).map((r) => ({
      email: r.emailAddress,
      reason: 'complaint' as const,
      detail: n.complaint?.complaintFeedbackType ?? 'complaint',
    }));
  }
  // Transient bounces (mailbox full, ...) are retried by SES: no suppression.
  return [];
}
