export * from './commit';
export * from './decider';
export * from './mongo-event-store';
export * from './snapshot-store';
export * from './command-handler';
export * from './event-publisher.port';
export * from './outbox-relay';
export * from './stream-checkpoints';
