import { errorDetailOf, parseJson } from './api-error';

describe('reading a failed answer', () => {
  it('takes the catalog envelope as it is', () => {
    const body = { detail: { code: 'FileOpenError', parameters: { filename: 'a.tif' } } };
    expect(errorDetailOf(400, body)).toEqual({ code: 'FileOpenError', parameters: { filename: 'a.tif' } });
  });

  it('takes the processing envelope too', () => {
    expect(errorDetailOf(401, { code: 'UNAUTHORIZED', message: 'no', params: null })).toEqual({
      code: 'UNAUTHORIZED',
      parameters: {},
    });
  });

  it('makes a code from the status when no envelope came', () => {
    expect(errorDetailOf(0, null).code).toBe('NetworkError');
    expect(errorDetailOf(502, parseJson('<html>Bad gateway</html>')).code).toBe('ServerError');
    expect(errorDetailOf(429, '').code).toBe('TooManyRequests');
    expect(errorDetailOf(418, {})).toEqual({ code: 'RequestFailed', parameters: { status: 418 } });
  });
});
