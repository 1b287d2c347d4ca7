import type { ErrorDetail } from '../api/rest-types';
import { formatBytes } from './bytes';
import { formatParameterValue as value } from './parameter-value';

/** How the raster profile's parameters read in a sentence. */
const PROFILE_PARAMETER: Record<string, string> = { crs: 'CRS', count: 'Band count', pixel_size: 'Pixel size' };
const MISSING_PARAMETER: Record<string, string> = {
  crs: 'a CRS',
  geotransform: 'a georeference',
  dtypes: 'a data type',
};

type Parameters = Record<string, unknown>;
type Describe = (p: Parameters) => string;

/** One sentence per code of API.md (and the gateway's own), built only from its parameters. */
const MESSAGES: Record<string, Describe> = {
  FileValidationFailed: (p) =>
    `${PROFILE_PARAMETER[text(p.param_name)] ?? text(p.param_name)} is ${value(p.got_param)}, ` +
    `the collection expects ${value(p.expected_param)}.`,
  FileOpenError: (p) => `${file(p)} is not a GeoTIFF: it could not be read as a TIFF image.`,
  FileCheckFailed: (p) => `${file(p)} is not georeferenced: it lacks ${missing(p.bad_parameters)}.`,
  ImageOutOfBounds: (p) => `${file(p)} lies outside the longitude and latitude range.`,
  ImageTooLarge: (p) =>
    `The image is ${value(p.width)} × ${value(p.height)} pixels; your plan allows ` +
    `${value(p.max_pixels_per_side)} pixels per side.`,
  FileTooBig: (p) =>
    typeof p.actual_file_size === 'number'
      ? `The file is ${formatBytes(p.actual_file_size)}; your plan allows ${bytes(p.max_file_size)} per file.`
      : `The file is larger than your plan allows (${bytes(p.max_file_size)} per file).`,
  MemoryLimitExceeded: (p) =>
    `Not enough storage: this needs ${bytes(p.memory_requested)} and ${bytes(p.available_memory)} is free. ` +
    'Delete images or collections to make room.',
  ItemNotFound: (p) => `This ${p.instance_type === 'image' ? 'image' : 'collection'} no longer exists.`,
  BadRequest: (p) => `Invalid ${text(p.field) || 'request'}: ${text(p.reason) || 'not accepted'}.`,
  Unauthorized: () => 'The token was not accepted. Check it and sign in again.',
  TooManyRequests: () => 'Too many requests. Wait a minute and try again.',
  PayloadTooLarge: () => 'The request is too large.',
  NotFound: () => 'Not found.',
  NetworkError: () => 'The server could not be reached. Check the connection and try again.',
  InternalError: () => 'Something went wrong on the server. Try again later.',
  ServerError: () => 'Something went wrong on the server. Try again later.',
  UploadCancelled: () => 'Upload cancelled.',
  PreviewNotReady: () => 'The preview is still being made.',
  PreviewFailed: (p) => `No preview could be made${p.reason ? `: ${text(p.reason)}` : ''}.`,
};

/** A message a person can act on, from an error envelope's code and parameters. */
export function describeError(detail: ErrorDetail): string {
  const describe = MESSAGES[detail.code];
  if (describe) return describe(detail.parameters ?? {});
  const parameters = Object.entries(detail.parameters ?? {}).map(([key, v]) => `${key}: ${value(v)}`);
  return `The server refused this (${detail.code}${parameters.length ? `; ${parameters.join(', ')}` : ''}).`;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function file(p: Parameters): string {
  return text(p.filename) || 'The file';
}

function bytes(v: unknown): string {
  return typeof v === 'number' ? formatBytes(v) : 'unknown';
}

function missing(v: unknown): string {
  const names = Array.isArray(v) ? v.map(text) : text(v).split(/,\s*/).filter(Boolean);
  if (names.length === 0) return 'what a GeoTIFF needs';
  return names.map((n) => MISSING_PARAMETER[n] ?? n).join(' and ');
}
