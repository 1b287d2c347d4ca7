import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, runService, ServiceClient } from '@mi/platform';
import { GcsBlobStore } from '@mi/storage';
import { AccountCommands } from '../account-commands.service';
import { AccountsRepository } from '../accounts-view/accounts.repository';
import { AccountPlans } from '../plans/account-plans';
import { QuotaModule } from '../quota.module';
import { QuotaReconciler, type CatalogImages } from './quota-reconciler';
import { loadReconcileConfig } from './reconcile.config';

// `npm run reconcile-quota [-- --fix] [-- --every-minutes N]`: the ledger against the catalog's
// images and the bucket's objects. One JSON report per run on stdout; with --every-minutes it
// keeps running as the scheduled job (a Kubernetes Deployment or CronJob runs it the same way).
/** An operator tool may read the catalog's internal API (signed like the gateway's calls); the quota service itself never does. */
function catalogImagesOver(catalog: ServiceClient): CatalogImages {
  const get = <T>(path: string, ownerId: string): Promise<T> =>
    catalog.json<T>('GET', path, { owner: ownerId, plan: null });
  return async (ownerId) => {
    const mosaics = await get<{ id: string }[]>('/internal/mosaics', ownerId);
    const images = await Promise.all(
      mosaics.map((m) =>
        get<{ id: string; file_size: number; image_url: string }[]>(`/internal/mosaics/${m.id}/images`, ownerId),
      ),
    );
    return images.flat().map((i) => ({ imageId: i.id, bytes: i.file_size, storageUri: i.image_url }));
  };
}

runService('quota-reconcile', async () => {
  const args = process.argv.slice(2);
  const fix = args.includes('--fix');
  const everyAt = args.indexOf('--every-minutes');
  const everyMinutes = everyAt >= 0 ? Number(args[everyAt + 1]) : 0;
  const config = loadReconcileConfig();
  const logger = createLogger('quota-reconcile', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(QuotaModule.forRoot(config, logger), { logger: false });
  const reconciler = new QuotaReconciler(
    app.get(AccountsRepository),
    app.get(AccountCommands),
    app.get(AccountPlans),
    catalogImagesOver(
      new ServiceClient({
        service: 'catalog',
        baseUrl: config.CATALOG_URL,
        secret: config.SERVICE_TOKEN_SECRET,
        timeoutMs: 30_000,
      }),
    ),
    new GcsBlobStore({
      bucket: config.GCS_BUCKET,
      projectId: config.GCS_PROJECT_ID,
      apiEndpoint: config.GCS_API_ENDPOINT,
    }),
  );
  const once = async () => {
    const report = await reconciler.run(fix);
    const drifting = report.filter((r) => r.drift.length > 0);
    console.log(JSON.stringify({ at: new Date().toISOString(), accounts: report.length, fix, drifting }));
  };
  await once();
  if (everyMinutes > 0) {
    setInterval(
      () => void once().catch((err) => logger.error({ err }, 'reconciliation failed')),
      everyMinutes * 60_000,
    );
    return;
  }
  await app.close();
});
