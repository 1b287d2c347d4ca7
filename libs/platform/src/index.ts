export * from './config';
export * from './logger';
export * from './metrics';
export * from './health';
export * from './request-context';
export * from './http-bootstrap';
export * from './http-errors';
export * from './plan-catalog';
