export interface GsLocation {
  bucket: string;
  key: string;
}

const GS_URI = /^gs:\/\/([^/]+)\/(.+)$/;

export function formatGsUri({ bucket, key }: GsLocation): string {
  return `gs://${bucket}/${key}`;
}

/** Keys keep their slashes and are not percent-decoded: `gs://` URIs are not URLs. */
export function parseGsUri(uri: string): GsLocation {
  const match = GS_URI.exec(uri);
  if (!match) throw new TypeError(`not a gs://bucket/key URI: ${uri}`);
  return { bucket: match[1], key: match[2] };
}
