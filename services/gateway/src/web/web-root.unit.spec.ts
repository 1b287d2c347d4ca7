import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultWebRoot } from './web-root';

describe('where the gateway finds the built web page', () => {
  let checkout: string;
  const touch = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
  };

  beforeEach(() => {
    checkout = mkdtempSync(path.join(tmpdir(), 'web-root-'));
    touch(path.join(checkout, 'package.json'));
    touch(path.join(checkout, 'dist', 'package.json'));
    touch(path.join(checkout, 'dist', 'web', 'index.html'));
  });
  afterEach(() => rmSync(checkout, { recursive: true, force: true }));

  it('is web/ beside the build when the gateway runs from dist/', () => {
    const from = path.join(checkout, 'dist', 'services', 'gateway', 'src', 'web');
    expect(defaultWebRoot(from)).toBe(path.join(checkout, 'dist', 'web'));
  });

  it("is the checkout's dist/web when the gateway runs from its sources", () => {
    const from = path.join(checkout, 'services', 'gateway', 'src', 'web');
    expect(defaultWebRoot(from)).toBe(path.join(checkout, 'dist', 'web'));
  });

  it('resolves to this checkout from the real source file', () => {
    expect(defaultWebRoot()).toBe(path.resolve(__dirname, '../../../../dist/web'));
  });
});
