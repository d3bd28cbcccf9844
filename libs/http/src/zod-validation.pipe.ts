import { BadRequestException, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Validates a body, query or params object at the edge and answers 400 naming each field and its problem. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const fields: FieldProblem[] = result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      problem: issue.message,
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: fields.map((f) => `${f.field}: ${f.problem}`).join('; '),
      fields,
    });
  }
}
