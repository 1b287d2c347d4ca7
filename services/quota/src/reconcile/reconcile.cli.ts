import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, runService, OWNER_HEADER } from '@mi/platform';
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
/** An operator tool may read the catalog's internal API; the quota service itself never does. */
function catalogImagesOver(catalogUrl: string): CatalogImages {
  const get = async <T>(path: string, ownerId: string): Promise<T> => {
    const response = await fetch(`${catalogUrl}${path}`, { headers: { [OWNER_HEADER]: ownerId } });
    if (!response.ok) throw new Error(`catalog answered ${response.status} to ${path}`);
    return (await response.json()) as T;
  };
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
    catalogImagesOver(config.CATALOG_URL),
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
