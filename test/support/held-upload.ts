import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** What a client saw: the HTTP answer, or why there was none (its server died, or it hung). */
export interface ClientAnswer {
  status: number | 'network-error' | 'hang';
  json?: any;
  error?: string;
}

/** Client answers counted by status, for the record. */
export function countAnswers(answers: { status: number | string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
  return counts;
}

/**
 * A multipart upload (part `file`, as the QGIS plugin sends it, with Content-Length) whose body
 * stops after `holdAt` bytes of the file until `release()`: a test can act while the body
 * streams. Answers within `timeoutMs` or counts as a hang; never throws.
 */
export function heldUpload(
  url: string,
  token: string,
  file: { name: string; bytes: Buffer },
  holdAt = Math.floor(file.bytes.length / 2),
  timeoutMs = 60_000,
) {
  const boundary = `----fault${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      'Content-Type: image/tiff\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = request(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + file.bytes.length + tail.length,
    },
  });
  const answer = new Promise<ClientAnswer>((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 'hang', error: `no answer in ${timeoutMs} ms` });
    }, timeoutMs);
    const done = (a: ClientAnswer) => {
      clearTimeout(timer);
      resolve(a);
    };
    req.on('error', (error) => done({ status: 'network-error', error: error.message }));
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('error', (error) => done({ status: 'network-error', error: error.message }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: any = text;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: kept as text for the report
        }
        done({ status: response.statusCode ?? 0, json });
      });
    });
  });
  req.write(Buffer.concat([head, file.bytes.subarray(0, holdAt)]));
  let released = false;
  return {
    answer,
    /** Sends the rest of the body (a no-op once the request failed or was released). */
    release() {
      if (released || req.destroyed) return;
      released = true;
      req.end(Buffer.concat([file.bytes.subarray(holdAt), tail]));
    },
  };
}

/** A whole upload at once, bounded in time like a held one. */
export function boundedUpload(url: string, token: string, file: { name: string; bytes: Buffer }, timeoutMs = 60_000) {
  const upload = heldUpload(url, token, file, file.bytes.length, timeoutMs);
  upload.release();
  return upload.answer;
}

/** A JSON call through the gateway that cannot hang the test: a bounded fetch. */
export async function boundedCall(
  gatewayUrl: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<ClientAnswer> {
  try {
    const response = await fetch(`${gatewayUrl}/rest${route}`, {
      method,
      headers: {
        authorization: `Basic ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, json };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') return { status: 'hang', error: `no answer in ${timeoutMs} ms` };
    return { status: 'network-error', error: (error as Error).message };
  }
}
