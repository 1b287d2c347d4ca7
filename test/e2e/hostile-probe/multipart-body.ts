export interface Part {
  name: string;
  filename?: string;
  bytes: Buffer;
  contentType?: string;
  /** Replaces the whole Content-Disposition value (hostile quoting, giant values). */
  disposition?: string;
  /** More part header lines, verbatim. */
  extraHeaders?: string[];
}

export const BOUNDARY = 'probe-7f3a9c';

/** The bytes of a multipart/form-data body, as a browser would frame them (or not, when told). */
export function multipartBody(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks = parts.flatMap((part) => {
    const disposition =
      part.disposition ??
      `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const lines = [
      `--${boundary}`,
      `Content-Disposition: ${disposition}`,
      `Content-Type: ${part.contentType ?? 'image/tiff'}`,
      ...(part.extraHeaders ?? []),
    ];
    return [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), part.bytes, Buffer.from('\r\n')];
  });
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

/** Headers and body of a well-framed upload with these parts. */
export function multipartOf(parts: Part[], boundary = BOUNDARY) {
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: multipartBody(parts, boundary),
  };
}

/** The body in chunked transfer coding (no Content-Length), in pieces of `size` bytes. */
export function chunked(body: Buffer, size = 4096): Buffer {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    pieces.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  return Buffer.concat([...pieces, Buffer.from('0\r\n\r\n')]);
}
