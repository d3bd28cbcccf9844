import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from '@hub/http';
import { completeFromZod } from './zod-openapi';

const thingSchema = z.object({ name: z.string().min(1), size: z.number().int().optional() });

@Controller('things')
class ThingsController {
  @Post()
  create(@Body(new ZodValidationPipe(thingSchema)) body: unknown): unknown {
    return body;
  }

  @Get(':thingId/in/:language')
  translated(@Param('thingId') id: string, @Param('language', new ZodValidationPipe(z.enum(['nb', 'sv']))) language: 'nb' | 'sv'): unknown {
    return { id, language };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('completeFromZod', () => {
  it('describes a zod-validated body and path parameter, and declares every templated parameter', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    completeFromZod(app, document);
    await app.close();

    expect(document.paths['/things'].post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: expect.objectContaining({ type: 'object', required: ['name'], properties: expect.objectContaining({ name: { type: 'string', minLength: 1 } }) }) } },
    });
    const parameters = document.paths['/things/{thingId}/in/{language}'].get!.parameters as Array<{ name: string; in: string; schema: unknown }>;
    expect(parameters.find((p) => p.name === 'language')).toMatchObject({ in: 'path', schema: { type: 'string', enum: ['nb', 'sv'] } });
    expect(parameters.find((p) => p.name === 'thingId')).toMatchObject({ in: 'path' });
  });
});
