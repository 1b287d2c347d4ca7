import { BadRequest } from '@mi/contracts';
import { exceedsJsonDepth, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const bytes = (text: string) => Buffer.from(text);

describe('exceedsJsonDepth', () => {
  it('accepts a body nested exactly to the limit, objects and arrays alike', () => {
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    const objects = `${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`;
    expect(exceedsJsonDepth(bytes(objects), MAX_JSON_DEPTH)).toBe(false);
  });

  it('refuses one level more, and a body nested 300,000 deep', () => {
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(exceedsJsonDepth(bytes(nested(300_000)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('refuses deep nesting inside an otherwise valid body', () => {
    const body = `{"name":"x","tags":["a"],"extra":{"deep":${nested(100_000)}}}`;
    expect(exceedsJsonDepth(bytes(body), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts no bracket inside a string, escaped quotes and backslashes included', () => {
    const body = JSON.stringify({ name: `${'['.repeat(1000)}\\"{{{\\\\`, tags: ['\\', '"[[['] });
    expect(exceedsJsonDepth(bytes(body), 2)).toBe(false);
    expect(exceedsJsonDepth(bytes(`["\\\\",${nested(3)}]`), 3)).toBe(true);
  });

  it('counts brackets of a UTF-16 body by its characters, not its bytes', () => {
    const cjk = JSON.stringify({ name: '\u5b5b\u7b7b'.repeat(100) }); // 0x5B and 0x7B bytes in UTF-16
    expect(exceedsJsonDepth(Buffer.from(cjk, 'utf16le'), 2, 'utf-16le')).toBe(false);
  });
});

describe('refuseDeepJson (body-parser verify hook)', () => {
  it('throws BadRequest on the body, with status 400 so body-parser keeps it a 400', () => {
    const verify = refuseDeepJson();
    let thrown: unknown;
    try {
      verify({} as never, {} as never, bytes(nested(300_000)), 'utf-8');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadRequest);
    expect(thrown).toMatchObject({
      status: 400,
      parameters: { field: 'body', reason: `nested deeper than ${MAX_JSON_DEPTH} levels` },
    });
  });

  it('lets a shallow body through', () => {
    expect(() => refuseDeepJson()({} as never, {} as never, bytes('{"name":"x"}'), 'utf-8')).not.toThrow();
  });
});
