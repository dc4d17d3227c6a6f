/** The dated price file (bench/cost/prices-eu-west-2.json), read through a schema that needs every price. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const PRICE_IDS = [
  'lambda.requests',
  'lambda.arm64',
  'lambda.x86_64',
  'dynamodb.writeRequestUnits',
  'dynamodb.readRequestUnits',
  'dynamodb.storage',
  'dynamodb.pitr',
  's3.storage',
  's3.tier1Requests',
  's3.tier2Requests',
  'ses.messages',
  'ses.attachments',
  'eventbridge.customEvents',
  'sqs.requests',
  'secretsmanager.secrets',
  'secretsmanager.apiCalls',
  'kms.requests',
  'kms.customerKeys',
  'cloudwatch.alarms',
  'cloudwatch.dashboards',
  'cloudwatch.customMetrics',
  'logs.ingestion',
  'logs.storage',
  'xray.traces',
  'apigateway.httpRequests',
  'dataTransfer.out',
] as const;
export type PriceId = (typeof PRICE_IDS)[number];

const priceSchema = z.object({
  usd: z.number().nonnegative(),
  /** The price is for this many units ($0.20 per 1,000,000 requests). */
  per: z.number().positive(),
  unit: z.string().min(1),
  /** The AWS pricing page the price comes from. */
  source: z.url(),
  /** False: written down without being able to confirm it on the page. */
  sure: z.boolean(),
  note: z.string().optional(),
});
export type Price = z.infer<typeof priceSchema>;

const priceFileSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  currency: z.literal('USD'),
  recordedOn: z.iso.date(),
  howRecorded: z.string(),
  freeTiers: z.string(),
  prices: z.record(z.enum(PRICE_IDS), priceSchema),
});
export type PriceFile = z.infer<typeof priceFileSchema>;

export const DEFAULT_PRICE_FILE = resolve(import.meta.dirname, 'prices-eu-west-2.json');

export function parsePrices(json: unknown, file = 'the price file'): PriceFile {
  const parsed = priceFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function loadPrices(file = DEFAULT_PRICE_FILE): PriceFile {
  return parsePrices(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** US dollars for one unit. */
export const unitPrice = (p: Price): number => p.usd / p.per;

/** "$0.20 per 1,000,000 requests", with "(unconfirmed)" when the price is not sure. */
export function priceLabel(p: Price): string {
  const per = p.per === 1 ? '' : `${p.per.toLocaleString('en-GB')} `;
  return `$${p.usd} per ${per}${p.unit}${p.sure ? '' : ' (unconfirmed)'}`;
}
