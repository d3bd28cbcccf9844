/**
 * Runs before each chaos file in its jest worker: points the file at the private stack of that worker
 * (tools/chaos/run.mjs starts one per worker and lists them in HUB_CHAOS_STACKS), so that a scenario that restarts
 * Kafka, Redis or FerretDB restarts them under its own work only.
 */
const stacks = JSON.parse(process.env.HUB_CHAOS_STACKS ?? '[]') as Array<Record<string, string>>;
if (stacks.length > 0) Object.assign(process.env, stacks[(Number(process.env.JEST_WORKER_ID ?? '1') - 1) % stacks.length]);
