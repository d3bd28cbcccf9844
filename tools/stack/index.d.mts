// Types for index.mjs, for TypeScript harnesses (e.g. a Jest globalSetup)
// that start the local stack programmatically.

export type PartName = 'kafka' | 'ferretdb' | 'redis' | 'mailpit';

export const PART_NAMES: PartName[];

export interface StackUrls {
  /** e.g. '127.0.0.1:9092' */
  kafkaBrokers: string;
  /** e.g. 'mongodb://127.0.0.1:27017' */
  mongoUrl: string;
  /** e.g. 'redis://127.0.0.1:6379' */
  redisUrl: string;
  /** e.g. 'smtp://127.0.0.1:1025' */
  smtpUrl: string;
  /** Mailpit REST API and web inbox, e.g. 'http://127.0.0.1:8025' */
  mailpitUrl: string;
}

export interface StackConfig {
  stackDir: string;
  dataDir: string;
  logsDir: string;
  pidsDir: string;
  cacheDir: string;
  ports: {
    kafka: number;
    kafkaController: number;
    ferretdb: number;
    ferretdbDebug: number;
    redis: number;
    smtp: number;
    mailpitHttp: number;
  };
}

export interface PartStatus {
  part: PartName;
  state: 'running' | 'stopped';
  pid: number | null;
  ready: boolean;
  /** The client-facing address, e.g. '127.0.0.1:6379'. */
  address: string;
  /** Set when stopped and a foreign process holds one of the part's ports. */
  note?: string;
}

export interface DownResult {
  part: PartName;
  state: string;
  pid?: number;
  error?: string;
}

/** Thrown by up/down with one line per failed part, e.g. 'redis: port 6379 in use by another process'. */
export class StackError extends Error {
  lines: string[];
}

type Env = Record<string, string | undefined>;

export function config(env?: Env): StackConfig;
export function urls(env?: Env): StackUrls;
/** Installs, starts and waits for the parts (default: all); resolves with all connection URLs. */
export function up(parts?: PartName[], env?: Env, options?: { print?: (line: string) => void }): Promise<StackUrls>;
export function status(parts?: PartName[], env?: Env): Promise<PartStatus[]>;
export function down(parts?: PartName[], env?: Env, options?: { purge?: boolean; print?: (line: string) => void }): Promise<DownResult[]>;
export function logs(parts?: PartName[], env?: Env, lines?: number): string;
