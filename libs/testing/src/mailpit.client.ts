import { waitFor } from './wait-for';

export interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Address: string; Name: string }>;
}

export interface MailpitMessage extends MailpitSummary {
  From: { Address: string; Name: string };
  HTML: string;
  Text: string;
}

/** Reads the inbox of the local Mailpit through its REST API, the way a test checks what a person received. */
export class MailpitClient {
  constructor(private readonly baseUrl: string) {}

  async messagesTo(address: string): Promise<MailpitSummary[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`);
    if (!response.ok) throw new Error(`mailpit search answered ${response.status}`);
    const body = (await response.json()) as { messages: MailpitSummary[] };
    return body.messages;
  }

  async message(id: string): Promise<MailpitMessage> {
    const response = await fetch(`${this.baseUrl}/api/v1/message/${id}`);
    if (!response.ok) throw new Error(`mailpit message answered ${response.status}`);
    return (await response.json()) as MailpitMessage;
  }

  async headers(id: string): Promise<Record<string, string[]>> {
    const response = await fetch(`${this.baseUrl}/api/v1/message/${id}/headers`);
    if (!response.ok) throw new Error(`mailpit headers answered ${response.status}`);
    return (await response.json()) as Record<string, string[]>;
  }

  /** Waits until exactly `count` messages reached the address (and fails if more arrive). */
  async waitForMessagesTo(address: string, count = 1, timeoutMs = 30_000): Promise<MailpitMessage[]> {
    const summaries = await waitFor(
      `${count} message(s) to ${address}`,
      async () => {
        const found = await this.messagesTo(address);
        if (found.length > count) throw new Error(`expected ${count} message(s) to ${address}, got ${found.length}`);
        return found.length === count ? found : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
    return Promise.all(summaries.map((summary) => this.message(summary.ID)));
  }
}
