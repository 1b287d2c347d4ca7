export * from './geodesic-area';
export * from './clip';
