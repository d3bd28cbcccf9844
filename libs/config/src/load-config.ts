import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';

/** Parses the environment against a service's schema and names every variable that is missing or malformed. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const received = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return `${variable}: ${received}`;
  });
  throw new ConfigValidationError(problems);
}

/**
 * For a service's main(): print the problems in one block and exit non-zero, so that a supervisor or a person sees
 * the misconfiguration instead of a stack trace from whichever module first touched the bad value.
 */
export function loadConfigOrExit<S extends z.ZodType>(service: string, schema: S): z.infer<S> {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG from sysexits.h
    }
    throw error;
  }
}
