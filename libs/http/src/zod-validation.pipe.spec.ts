import { BadRequestException } from '@nestjs/common';
import { subscribeRequestSchema } from '@hub/contracts';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(subscribeRequestSchema);

  it('passes a valid body through, normalised', () => {
    expect(pipe.transform({ email: ' Kari@Kommune.no', language: 'nb', listIds: ['l1'] })).toMatchObject({
      email: 'kari@kommune.no',
    });
  });

  it('answers 400 naming each field and its problem', () => {
    try {
      pipe.transform({ email: 'nope', language: 'de', listIds: [] });
      throw new Error('expected a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      const body = (error as BadRequestException).getResponse() as { fields: Array<{ field: string }> };
      expect(body.fields.map((f) => f.field).sort()).toEqual(['email', 'language', 'listIds']);
    }
  });
});
