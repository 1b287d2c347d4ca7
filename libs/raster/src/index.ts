export * from './raster-profile';
export * from './geotiff';
