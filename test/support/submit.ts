/** Submitting findings exactly as the page's browser script does: a multipart POST to S3. */
export interface PostTarget {
  readonly url: string;
  readonly fields: Record<string, string>;
}

export async function postFindings(post: PostTarget, body: string | Uint8Array, contentType = 'application/json'): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
  if (!('Content-Type' in post.fields)) form.append('Content-Type', contentType);
  // The file must be the last field of an S3 POST.
  form.append('file', new Blob([typeof body === 'string' ? body : Buffer.from(body)], { type: contentType }), 'findings.json');
  return fetch(post.url, { method: 'POST', body: form });
}

export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { to: string[] };
  readonly subject: string;
  readonly body: { text?: string; html?: string };
  readonly attachments: { filename: string; contentType: string; size?: number; content?: string }[];
  /** Headers the sender asked SES to add (Simple content). */
  readonly headers?: { name: string; value: string }[];
  readonly at: number;
}

export async function mailbox(sesUrl: string): Promise<StoredEmail[]> {
  const res = await fetch(`${sesUrl}/store`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

export async function waitForEmail(sesUrl: string, match: (e: StoredEmail) => boolean, timeoutMs = 20_000): Promise<StoredEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailbox(sesUrl)).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('No matching email arrived in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
