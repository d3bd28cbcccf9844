import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';

export type BounceReport = {
  kind: 'bounce';
  action: 'failed' | 'delayed';
  /** RFC 3463 enhanced status code (5.1.1), when the report or its diagnostic carried one. */
  status: string | null;
  hard: boolean;
  diagnostic: string;
  /** Hash of the machine-readable part: the same report delivered twice has the same fingerprint. */
  fingerprint: string;
};

export type ComplaintReport = {
  kind: 'complaint';
  feedbackType: string;
  fingerprint: string;
};

export type DeliveryReport = BounceReport | ComplaintReport;

const MAX_DIAGNOSTIC = 1_000;

/**
 * Reads a report sent to a return path: an RFC 3464 delivery status notification or an RFC 5965 ARF complaint
 * (both `multipart/report`). Anything else (auto-replies, vacation notices, bounces in no standard form) is null:
 * guessing from prose would suppress people who never bounced.
 */
export async function parseDeliveryReport(raw: Buffer | string): Promise<DeliveryReport | null> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextLinks: true });
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value !== 'multipart/report') return null;
  const reportType = contentType.params?.['report-type']?.toLowerCase();
  const part = (type: string) => mail.attachments.find((attachment) => attachment.contentType === type)?.content.toString('utf8');
  if (reportType === 'delivery-status') {
    const status = part('message/delivery-status');
    return status ? readDeliveryStatus(status) : null;
  }
  if (reportType === 'feedback-report') {
    const feedback = part('message/feedback-report');
    return feedback ? readFeedbackReport(feedback) : null;
  }
  return null;
}

/** The per-recipient fields of the first recipient that failed (or else was delayed); the rest are successes. */
export function readDeliveryStatus(text: string): BounceReport | null {
  const [, ...recipients] = fieldGroups(text);
  const pick = (action: string) => recipients.find((fields) => fields.get('action')?.toLowerCase() === action);
  const fields = pick('failed') ?? pick('delayed');
  if (!fields) return null;
  const action = fields.get('action')!.toLowerCase() as BounceReport['action'];
  const diagnostic = (fields.get('diagnostic-code') ?? '').replace(/^smtp;\s*/i, '').slice(0, MAX_DIAGNOSTIC);
  const status = enhancedStatus(fields.get('status') ?? '') ?? enhancedStatus(diagnostic);
  const basic = /^\s*([245])\d\d\b/.exec(diagnostic)?.[1] ?? null;
  return { kind: 'bounce', action, status, hard: action === 'failed' && isHardStatus(status, basic), diagnostic, fingerprint: fingerprint(text) };
}

export function readFeedbackReport(text: string): ComplaintReport | null {
  const [fields] = fieldGroups(text);
  const feedbackType = fields?.get('feedback-type')?.trim().toLowerCase();
  if (!feedbackType) return null;
  return { kind: 'complaint', feedbackType, fingerprint: fingerprint(text) };
}

/**
 * Hard: the address is bad (5.x.x). Two permanent codes are not about the address and count as soft, as the
 * SMTP-time rule in audience does: 5.7.x (policy, spam filters) and 5.2.2 (mailbox full).
 */
export function isHardStatus(status: string | null, basicClass: string | null): boolean {
  if (!status) return basicClass === '5';
  const [klass, subject, detail] = status.split('.');
  if (klass !== '5') return false;
  return !(subject === '7' || (subject === '2' && detail === '2'));
}

function enhancedStatus(text: string): string | null {
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null;
}

/** RFC 822-style field groups separated by blank lines, continuation lines unfolded, names lower-cased. */
function fieldGroups(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

function fingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 24);
}
