/** A JSON schema in OpenAPI 3.0's dialect (what tools/openapi/generate.mjs writes). */
export type JsonSchema = Record<string, unknown>;

/** One controller method's response, as its declared return type says, and its doc comment. */
export interface OperationDoc {
  schema?: JsonSchema;
  summary?: string;
  description?: string;
}

/** Per project (an app's name, or `libs` for the shared controllers): named schemas and operations by `Class.method`. */
export type ResponseCatalogue = Record<string, { components: Record<string, JsonSchema>; operations: Record<string, OperationDoc> }>;
