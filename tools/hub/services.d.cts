export interface ServiceDefinition {
  name: 'gateway' | 'audience' | 'scheduling' | 'campaigns' | 'delivery';
  portVar: string;
  defaultPort: number;
}
export interface StackUrls {
  mongoUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  smtpUrl: string;
}
export const SERVICES: ServiceDefinition[];
export function servicePorts(env?: Record<string, string | undefined>): Record<ServiceDefinition['name'], number>;
export function serviceEnv(
  name: ServiceDefinition['name'],
  options: { stack: StackUrls; ports: Record<ServiceDefinition['name'], number>; shared: Record<string, string> },
): Record<string, string>;
export function waitForHttpOk(url: string, timeoutMs: number, isAlive?: () => boolean): Promise<void>;
