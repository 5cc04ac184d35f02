import { buildApp } from '../api/app.js';
import type { RateLimits } from '../api/context.js';
import { systemClock, TestClock } from '../domain/clock.js';
import { NotifyTargets } from '../notify/targets.js';
import { type Credentials, credentialsPath, initDataFolder, openStore } from './data-folder.js';
import type { OperationalSettings } from './settings.js';

export interface ServeOptions {
  host: string;
  port: number;
  data: string;
  sandbox: boolean;
  rateLimits: RateLimits | null | undefined;
  auditDelaySeconds: number;
  settings: OperationalSettings;
  /** Internal networks notify URLs may reach (D-35). */
  notifyAllow: string[];
}

/** Starts the server; with `demo`, initialises the data folder first and prints how to start using it. */
export async function serve(options: ServeOptions, demo: boolean): Promise<void> {
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const credentials = demo ? await initDataFolder(options.data, `http://${host}:${options.port}/`) : null;
  const store = await openStore(options.data, options.settings);
  const clock = options.sandbox ? new TestClock() : systemClock;
  const { server } = await buildApp({
    store,
    clock,
    sandbox: options.sandbox,
    rateLimits: options.rateLimits,
    auditDelaySeconds: options.auditDelaySeconds,
    timeouts: options.settings.http,
    notifyTargets: new NotifyTargets({ open: options.sandbox, allow: options.notifyAllow }),
  });
  const shutdown = async () => {
    // Requests in flight get their handler timeout to finish; past it (and a margin), the process goes anyway.
    setTimeout(() => process.exit(1), options.settings.http.handlerMs + 5000).unref();
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await server.listen({ host: options.host, port: options.port });
  const port = new URL(address).port;
  printBanner(`http://${host}:${port}/`, options, credentials);
}

function printBanner(baseUrl: string, options: ServeOptions, credentials: Credentials | null): void {
  const lines = [
    '',
    `coupond is listening on ${baseUrl}${options.sandbox ? ' (sandbox controls on)' : ''}`,
    `  credentials:      ${credentialsPath(options.data)}`,
    `  receiving demo:   ${baseUrl}component/demo`,
    `  OpenAPI:          ${baseUrl}openapi.json`,
  ];
  if (options.sandbox)
    lines.push(
      `  callbacks:        ${baseUrl}sandbox/v1/notify-sink (the demo merchant's notify URL; GET it with the admin token)`,
      `  webhook log:      ${baseUrl}sandbox/v1/webhooks`,
    );
  if (credentials) {
    lines.push(
      `  demo merchant:    mchid ${credentials.mchid}, brand_id ${credentials.brand_id}, appid ${credentials.appid}`,
      '',
      'Try a signed call (in another terminal):',
      `  npx coupond call POST /v3/marketing/partner/product-coupon/notify-configs --json '{"notify_url":"https://your-host.example/notify"}'`,
      '  npx coupond call GET /v3/marketing/partner/product-coupon/notify-configs',
    );
    if (credentials.product_coupon_id)
      lines.push(
        `  npx coupond call POST /v3/marketing/partner/product-coupon/users/oh-394z-6CGkNoJrsDLTTUKiAnp4/pre-send-coupon-bundle --json '${JSON.stringify(
          {
            brand_id: credentials.brand_id,
            appid: credentials.appid,
            product_coupon_id: credentials.product_coupon_id,
            stock_bundle_id: credentials.stock_bundle_id,
            send_request_no: 'DEMO_000001',
          },
        )}'`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
