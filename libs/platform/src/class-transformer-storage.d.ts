// class-transformer keeps its metadata (the `@Type(() => X)` of nested classes) in a module it does
// not type for importers; class-validator-jsonschema reads it to resolve nested schemas.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
