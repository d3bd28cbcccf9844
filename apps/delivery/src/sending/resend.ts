import { z } from 'zod';

/**
 * A coordinator's resend of a message whose outcome is unknown is the original job again, with the claim id the
 * copy is recorded under (`<delivery id>#resend`): it takes the normal path, and resending twice sends one copy.
 */
const resendMarkerSchema = z.object({ resendClaimId: z.string().min(1).optional() });

export function resendClaimIdOf(data: unknown): string | undefined {
  const parsed = resendMarkerSchema.safeParse(data);
  return parsed.success ? parsed.data.resendClaimId : undefined;
}

export function resendJobData(job: Record<string, unknown>, resendClaimId: string): Record<string, unknown> {
  return { ...job, resendClaimId };
}
