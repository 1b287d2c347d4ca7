export * from './raster-profile';
export * from './geotiff';
export * from './preview';
