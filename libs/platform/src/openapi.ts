import { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ApiProperty, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

const SWAGGER_PROPERTIES = 'swagger/apiModelProperties';

/**
 * Query classes carry class-validator decorators only, so Swagger listed no query parameters.
 * Every `@Query()` class of every controller gets a Swagger property per validated field
 * (optional where `@IsOptional()`), so the document lists them (and the hostile-input replay
 * reaches them).
 */
function describeQueryClasses(app: INestApplication): void {
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY || arg.data !== undefined) continue;
          const dto = types[arg.index];
          if (!dto || seen.has(dto) || [String, Object, Number].includes(dto as never)) continue;
          seen.add(dto);
          const optional = new Map<string, boolean>();
          for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
            optional.set(m.propertyName, (optional.get(m.propertyName) ?? false) || m.type === 'conditionalValidation');
          }
          for (const [property, isOptional] of optional) {
            if (Reflect.getMetadata(SWAGGER_PROPERTIES, dto.prototype, property)) continue;
            ApiProperty({ type: String, required: !isOptional })(dto.prototype, property);
          }
        }
      }
    }
  }
}
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/**
 * OpenAPI 3 at /api/<service>/docs (and -json), from the same classes that validate: the
 * class-validator metadata of every DTO and contract class becomes its schema, so the docs
 * cannot drift from what the API accepts.
 */
export function setupOpenApi(app: INestApplication, service: string, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Vangnet ${service} API`)
    .setDescription(description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  describeQueryClasses(app);
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: '#/components/schemas/',
  });
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ...(schemas as Record<string, object>) };
  SwaggerModule.setup(`api/${service}/docs`, app, document, { jsonDocumentUrl: `api/${service}/docs-json` });
  return document;
}
