export * from './stack';
export * from './eventually';
export * from './counter.fixture';
export * from './platform';
export * from './decider-spec';
export * from './uploads';
