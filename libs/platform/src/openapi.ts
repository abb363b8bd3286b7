import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
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
