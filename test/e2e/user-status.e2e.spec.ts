import { ensureUser } from '../../deploy/local/service-processes';
import { api, startPlatform, testUsers, type Platform } from '@mi/testing';
import { z } from 'zod';

const GiB = 1024 ** 3;

/** What the QGIS plugin reads at login (API.md); strict: a missing key crashes it. */
const UserStatusSchema = z.object({
  email: z.string(),
  memoryLimit: z.number().int(),
  models: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      pricePerSqKm: z.number(),
      blocks: z.array(z.object({ name: z.string(), displayName: z.string() }).loose()),
    }),
  ),
  billingType: z.string(),
  remainingCredits: z.number(),
  aoiAreaLimit: z.number(),
  maxAoisPerProcessing: z.number().int(),
});

describe('GET /rest/user/status', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform('e2e-status');
  });
  afterAll(() => platform?.stop());

  it("answers the caller's email and the limits of the free plan", async () => {
    const response = await api(platform)('GET', '/user/status');
    expect(response.status).toBe(200);
    const status = UserStatusSchema.parse(response.json);
    expect(status).toMatchObject({
      email: testUsers.alice,
      memoryLimit: GiB,
      aoiAreaLimit: 10_000_000,
      maxAoisPerProcessing: 1,
    });
    expect(status.models.length).toBeGreaterThan(0);
  });

  it('follows the plan of the user: premium gets premium limits', async () => {
    const token = await ensureUser(platform.service('gateway').spec, 'carol@example.com', 'premium');
    const status = UserStatusSchema.parse((await api(platform, token)('GET', '/user/status')).json);
    expect(status).toMatchObject({ email: 'carol@example.com', memoryLimit: 10 * GiB, maxAoisPerProcessing: 5 });
  });

  it('answers 401 in the processing envelope, as processing clients parse it', async () => {
    const response = await fetch(`${platform.gatewayUrl}/rest/user/status`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Missing or invalid API token',
      params: null,
    });
  });
});
