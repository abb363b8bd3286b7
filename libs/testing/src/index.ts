export * from './database';
export * from './event-probe';
export * from './identity';
export * from './schema';
export * from './stub-responder';
export * from './test-context';
export * from './wait';
export * as infra from '../infra/infra';
export * from './publish-event';
