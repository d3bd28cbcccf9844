import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { ZodValidationPipe } from '@hub/http';

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Completes the OpenAPI document from the zod schemas the routes validate with (ZodValidationPipe), so that
 * integrators and the fuzzer (`npm run security`) see what each operation takes without a second, hand-kept
 * description: the whole-@Body() schema becomes the request body, and a validated @Param('name') its path
 * parameter's schema. Every `{name}` of a path is declared, as OpenAPI requires, even where @nestjs/swagger could not
 * infer it. What JSON Schema cannot say (refinements, cross-field rules) stays in the 400 answers. Operations are
 * matched by @nestjs/swagger's default operationId, `<Controller>_<method>`.
 */
export function completeFromZod(app: INestApplication, document: OpenAPIObject): void {
  const operations = new Map<string, OperationObject>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const operation of Object.values(methods) as Array<OperationObject | undefined>) {
      if (!operation?.operationId) continue;
      operations.set(operation.operationId, operation);
      declarePathParameters(path, operation);
    }
  }
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const operation = operations.get(`${controller.name}_${method}`);
        if (!operation) continue;
        const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>);
        for (const [key, argument] of args) {
          const schema = argument.pipes?.find((pipe): pipe is ZodValidationPipe<z.ZodType> => pipe instanceof ZodValidationPipe)?.schema;
          if (!schema) continue;
          const type = Number(key.split(':')[0]);
          if (type === RouteParamtypes.BODY && argument.data === undefined && !operation.requestBody) {
            operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(schema) } } };
          }
          if (type === RouteParamtypes.PARAM && typeof argument.data === 'string') {
            const parameter = (operation.parameters as ParameterObject[]).find((p) => p.in === 'path' && p.name === argument.data);
            if (parameter) parameter.schema = jsonSchema(schema);
          }
        }
      }
    }
  }
}

function declarePathParameters(path: string, operation: OperationObject): void {
  const parameters = (operation.parameters ??= []) as ParameterObject[];
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
}

function jsonSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _dialect, ...openApi } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  return openApi as SchemaObject;
}
