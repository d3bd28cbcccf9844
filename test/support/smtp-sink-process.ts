import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitForHttpOk } from '../../tools/hub/services.cjs';
import { freePort } from '../../tools/ports/free-port.cjs';

export interface SinkStats {
  accepted: number;
  recipients: number;
  duplicates: number;
  firstAt: number | null;
  lastAt: number | null;
}

/** The counting SMTP sink (tools/smtp-sink) as a separate process, as the benchmarks use it. */
export class SmtpSinkProcess {
  private child: ChildProcess | undefined;
  smtpUrl = '';
  private statsUrl = '';

  async start(): Promise<this> {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    this.child = spawn(process.execPath, [resolve(__dirname, '../../tools/smtp-sink/smtp-sink.mjs')], {
      env: { PATH: process.env.PATH, SINK_SMTP_PORT: String(smtpPort), SINK_HTTP_PORT: String(httpPort) },
      stdio: 'ignore',
    });
    this.smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
    this.statsUrl = `http://127.0.0.1:${httpPort}`;
    await waitForHttpOk(`${this.statsUrl}/stats`, 10_000, () => this.child?.exitCode === null);
    return this;
  }

  async stats(): Promise<SinkStats> {
    return (await (await fetch(`${this.statsUrl}/stats`)).json()) as SinkStats;
  }

  async recipients(): Promise<Record<string, number>> {
    return (await (await fetch(`${this.statsUrl}/recipients`)).json()) as Record<string, number>;
  }

  /** For `ms`, the sink takes messages in but never answers the end of DATA (see tools/smtp-sink). */
  hang(ms: number): Promise<void> {
    return this.fault(`hang?ms=${ms}`);
  }

  /** For `ms`, the sink answers every recipient with `code` (421, 450, 550 …) and keeps nothing. */
  refuse(code: number, ms: number): Promise<void> {
    return this.fault(`refuse?code=${code}&ms=${ms}`);
  }

  /** For `ms`, the sink closes each connection after the message's data, before answering, and keeps nothing. */
  drop(ms: number): Promise<void> {
    return this.fault(`drop?ms=${ms}`);
  }

  private async fault(request: string): Promise<void> {
    const response = await fetch(`${this.statsUrl}/${request}`, { method: 'POST' });
    if (!response.ok) throw new Error(`sink ${request}: ${response.status} ${await response.text()}`);
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }
}
