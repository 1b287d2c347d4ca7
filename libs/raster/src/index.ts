export * from './raster-profile';
