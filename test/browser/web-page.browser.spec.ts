import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  api,
  eventually,
  repoRootForTests,
  sharedFixture,
  startPlatform,
  uploadFile,
  type Platform,
} from '@mi/testing';
import { launchChromium, type LaunchedChromium } from './chromium';

const screenshots = path.join(repoRootForTests(), 'test-output', 'screenshots');
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Two real samples: a UTM image that starts the collection, and a lon/lat one (2.4 MB) it refuses. */
const accepted = sharedFixture('utm.tif');
const refused = sharedFixture('wildfires.tiff');
const acceptedBytes = readFileSync(accepted).length;

/**
 * One user's journey through the page, in order (each step starts where the previous one left
 * off), against the whole platform as separate processes.
 */
describe('the My imagery web page, in Chromium against the whole platform', () => {
  let platform: Platform;
  let browser: LaunchedChromium;
  let page: Page;
  let call: ReturnType<typeof api>;
  const pageErrors: string[] = [];
  const offOrigin: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const [started, launched] = await Promise.allSettled([startPlatform('browser-web'), launchChromium(LAPTOP)]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'fulfilled') platform = started.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    call = api(platform);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    browser.context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${platform.gatewayUrl}/`) && !/^(blob|data):/.test(url)) offOrigin.push(url);
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** What a person sees: the viewport (a full-page shot would paint the fixed storage bar mid-page). */
  const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  const storageText = () => page.getByTestId('storage-figures').innerText();
  const uploadRow = (filename: string) => page.locator(`li.upload[data-filename="${filename}"]`);
  const naturalWidth = (image: Locator) => image.evaluate((element) => (element as any).naturalWidth as number);

  it('serves the page at /, at its own addresses, and its hashed assets cached for good', async () => {
    const index = await fetch(`${platform.gatewayUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];

    const deepLink = await fetch(`${platform.gatewayUrl}/collections/0192f0c2-aaaa-7bbb-8ccc-123456789abc`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);

    const asset = await fetch(`${platform.gatewayUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${platform.gatewayUrl}/assets/gone-1234.js`)).status).toBe(404);

    // The API keeps its own answers: JSON errors, never the page.
    const unknownRoute = await fetch(`${platform.gatewayUrl}/rest/nothing-here`);
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ detail: { code: 'NotFound' } });
    expect((await fetch(`${platform.gatewayUrl}/health/live`)).status).toBe(200);
  });

  it('refuses a wrong token with a message, signs in with the right one', async () => {
    await page.goto(`${platform.gatewayUrl}/`);
    await page.getByLabel('API token').fill('bm9ib2R5QGV4YW1wbGUuY29tOndyb25n');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The token was not accepted' }).waitFor();
    await shoot('sign-in-laptop');

    await page.getByLabel('API token').fill(platform.tokens.alice);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Collections', level: 1 }).waitFor();
    // Kept for this tab's session only.
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('my-imagery.token'))).toBe(
      platform.tokens.alice,
    );
    expect(await page.evaluate(() => (globalThis as any).localStorage.length)).toBe(0);
  });

  it('tells a new user what to do, and creates a collection', async () => {
    await page.getByRole('heading', { name: 'No collections yet' }).waitFor();
    await eventually(async () => (await storageText()).includes('0 bytes used'));
    await shoot('empty-laptop');

    await page.getByLabel('Name', { exact: true }).fill('Fields 2026');
    await page.getByLabel('Tags', { exact: true }).fill('crops, spring');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('heading', { name: 'Fields 2026', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/collections\/[0-9a-f-]{36}$/);
    expect(await page.locator('.facts').innerText()).toContain('Set by the first image you upload');
  });

  it('uploads two files with a progress bar each: accepts one, shows why the server refused the other', async () => {
    await page.getByLabel('GeoTIFF files to upload').setInputFiles([accepted, refused]);

    await uploadRow('utm.tif').getByText('Accepted').waitFor();
    const bar = uploadRow('utm.tif').getByRole('progressbar', { name: 'Upload of utm.tif' });
    expect(await bar.evaluate((p) => [(p as any).value, (p as any).max])).toEqual([acceptedBytes, acceptedBytes]);

    // The first image fixed the collection's CRS; the second is in lon/lat, so the catalog says no.
    const reason = uploadRow('wildfires.tiff').getByRole('alert');
    await reason.waitFor();
    expect(await reason.innerText()).toBe('CRS is EPSG:4326, the collection expects EPSG:32617.');
    expect(await uploadRow('wildfires.tiff').innerText()).toContain('Not accepted');
  });

  it("shows the image's metadata, its small preview, and the large one on click", async () => {
    const card = page.locator('.image-card', { hasText: 'utm.tif' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/100 × 100[\s\S]*EPSG:32617[\s\S]*11\.8 KB/);
    expect(await page.locator('.facts').innerText()).toMatch(/CRS\s+EPSG:32617/);

    const small = card.locator('img[data-preview="s"]');
    await small.waitFor({ timeout: 45_000 });
    expect(await naturalWidth(small)).toBeGreaterThan(0);
    await shoot('collection-laptop');
    await card.scrollIntoViewIfNeeded();
    await shoot('collection-images-laptop');

    await card.getByRole('button', { name: /Show the large preview of utm\.tif/ }).click();
    const dialog = page.getByRole('dialog', { name: 'utm.tif' });
    const large = dialog.locator('img[data-preview="l"]');
    await large.waitFor({ timeout: 45_000 });
    expect(await naturalWidth(large)).toBeGreaterThan(0);
    await shoot('large-preview-laptop');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('updates the storage bar once the upload is counted', async () => {
    await eventually(async () => (await storageText()).includes('11.8 KB used'), 20_000);
    expect(await storageText()).toMatch(/1 GB\s+limit/);
  });

  it('renames and retags the collection', async () => {
    await page.getByRole('button', { name: 'Edit name and tags' }).click();
    const form = page.getByRole('form', { name: 'Edit name and tags' });
    await form.getByLabel('Name', { exact: true }).fill('Fields 2026, north');
    await form.getByLabel('Tags', { exact: true }).fill('crops, summer');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Fields 2026, north', level: 1 }).waitFor();
    const id = page.url().split('/').pop()!;
    expect((await call('GET', `/rasters/mosaic/${id}`)).json).toMatchObject({
      name: 'Fields 2026, north',
      tags: ['crops', 'summer'],
    });
  });

  it('deletes one image of a collection after saying what it frees', async () => {
    const forest = (await call('POST', '/rasters/mosaic', { name: 'Forest', tags: ['trees'] })).json;
    const upload = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${forest.id}/image`,
      platform.tokens.alice,
      accepted,
    );
    expect(upload.status).toBe(200);

    await page.getByRole('link', { name: 'All collections' }).click();
    await page.getByRole('link', { name: 'Forest' }).click();
    const card = page.locator('.image-card', { hasText: 'utm.tif' });
    await card.getByRole('button', { name: 'Delete utm.tif' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “utm.tif”?' });
    expect(await dialog.innerText()).toContain('frees 11.8 KB of storage');
    await dialog.getByRole('button', { name: 'Delete image' }).click();
    await page.getByText('No images yet').waitFor();
    expect((await call('GET', `/rasters/mosaic/${forest.id}/image`)).json).toEqual([]);
  });

  it('finds collections by name or tag and sorts them', async () => {
    await page.getByRole('link', { name: 'All collections' }).click();
    const rowNames = () => page.locator('table.collections tbody th[scope="row"]').allInnerTexts();
    await eventually(async () => (await rowNames()).length === 2);

    await page.getByLabel('Filter by name or tag').fill('crops');
    expect(await rowNames()).toEqual(['Fields 2026, north']);
    await page.getByLabel('Filter by name or tag').fill('trees');
    expect(await rowNames()).toEqual(['Forest']);
    await page.getByLabel('Filter by name or tag').fill('');

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    expect(await rowNames()).toEqual(['Fields 2026, north', 'Forest']);
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    expect(await rowNames()).toEqual(['Forest', 'Fields 2026, north']);
    await shoot('collections-laptop');
  });

  it('lays out the screens at phone width', async () => {
    await page.setViewportSize(PHONE);
    await shoot('collections-phone');
    const tableWidth = await page.locator('table.collections').evaluate((t) => (t as any).scrollWidth as number);
    expect(tableWidth).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('link', { name: 'Fields 2026, north' }).click();
    await page.locator('img[data-preview="s"]').first().waitFor({ timeout: 45_000 });
    await shoot('collection-phone');
    await page.locator('.image-card').first().scrollIntoViewIfNeeded();
    await shoot('collection-images-phone');
    const pageWidth = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(LAPTOP);
    await page.getByRole('link', { name: 'All collections' }).click();
  });

  it('deletes the selected collections at once, after a confirmation that says how much it frees', async () => {
    await page.getByRole('checkbox', { name: 'Select Forest' }).check();
    await page.getByRole('checkbox', { name: 'Select Fields 2026, north' }).check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 collections?' });
    expect(await dialog.getByTestId('frees').innerText()).toBe('11.8 KB');
    await shoot('bulk-delete-laptop');

    const bulk = page.waitForRequest((r) => r.url().endsWith('/rest/rasters/mosaic/delete') && r.method() === 'POST');
    await dialog.getByRole('button', { name: 'Delete 2 collections' }).click();
    expect(JSON.parse((await bulk).postData()!).ids).toHaveLength(2);
    await page.getByRole('heading', { name: 'No collections yet' }).waitFor();
    expect((await call('GET', '/rasters/mosaic')).json).toEqual([]);
    await eventually(async () => (await storageText()).includes('0 bytes used'), 20_000);
  });

  it('signs out and forgets the token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('my-imagery.token'))).toBeNull();
    await page.reload();
    await page.getByLabel('API token').waitFor();
  });

  it('made no request beyond its own origin and raised no error', () => {
    expect(offOrigin).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
