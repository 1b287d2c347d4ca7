export * from './envelope';
export * from './topics';
export * from './events/event-definition';
export * from './events/catalog.events';
export * from './events/registry';
export * from './asyncapi';
export * from './http/errors.schema';
export * from './http/mosaic.schema';
