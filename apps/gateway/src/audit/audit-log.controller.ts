import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { AuditEntry } from './audit-entry.schema';
import { AuditLogRepository } from './audit-log.repository';

/** A page's `nextCursor`: the (at, id) of its last entry, opaque to callers. */
export const auditCursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    try {
      const { at, id } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { at: string; id: string };
      return { at: new Date(at), id: String(id) };
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor from a previous page' });
      return z.NEVER;
    }
  });

const auditQuerySchema = z.object({
  actorId: z.string().max(100).optional(),
  action: z.string().max(200).optional(),
  from: z.iso.datetime().transform((v) => new Date(v)).optional(),
  to: z.iso.datetime().transform((v) => new Date(v)).optional(),
  cursor: auditCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

@ApiTags('audit log')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogRepository) {}

  /** Owners read who changed what; filter by actor, action (exact) and time, page with `nextCursor`. */
  @Get()
  @RequireRole('owner')
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(auditQuerySchema)) query: z.infer<typeof auditQuerySchema>) {
    const entries = await this.audit.find(principal.networkId, { ...query, after: query.cursor });
    return { entries, nextCursor: nextAuditCursor(entries, query.limit) };
  }
}

/** The cursor of the page after these entries, or null when this page is the last. */
export function nextAuditCursor(entries: AuditEntry[], limit: number): string | null {
  const last = entries.at(-1);
  return entries.length === limit && last ? Buffer.from(JSON.stringify({ at: last.at, id: last._id })).toString('base64url') : null;
}
