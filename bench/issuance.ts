/**
 * Issuance benchmark (issue targets): each figure is a ratio against a baseline route of the same server process,
 * measured in the same run, so machine noise cancels out. Run: `npm run bench`.
 *   1. pre-send (verified, signed)  vs  a route that only verifies the request and signs the response  (≥ 0.80)
 *   2. claim (SQLite, synchronous=FULL, group commit)  vs  a bare unsigned JSON route  (≥ 0.40, p99 ≤ 25 ms)
 *   3. server RSS stays under 200 MB.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { bundleServer } from './bundle-server.js';
import { type Phase, runPhase } from './load.js';
import { signedRequests } from './signed-requests.js';

const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

interface ServerInfo {
  address: string;
  merchant: { mchid: string; serial: string; privateKey: string; brandId: string; appid: string };
  bundle: { productCouponId: string; stockBundleId: string };
}

const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const serverBundle = await bundleServer();
const server = spawn(process.execPath, [...profile, '--expose-gc', serverBundle], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<ServerInfo>((resolve) => {
  createInterface({ input: server.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ServerInfo));
});
const state = async () =>
  (await (await fetch(`${info.address}/bench/state`)).json()) as {
    rss_mb: number;
    peak_rss_mb: number;
    heap_mb: number;
    external_mb: number;
    issued: number;
  };

try {
  const presendPath = '/v3/marketing/partner/product-coupon/users/o-bench/pre-send-coupon-bundle';
  const presendBody = JSON.stringify({
    brand_id: info.merchant.brandId,
    product_coupon_id: info.bundle.productCouponId,
    stock_bundle_id: info.bundle.stockBundleId,
    appid: info.merchant.appid,
    send_request_no: 'BENCH_PRESEND_1',
  });
  const perPhase = 3000 * SECONDS;
  const echo = signedRequests(info.merchant, 'POST', '/bench/signed-echo', '{}', perPhase);
  const presend = signedRequests(info.merchant, 'POST', presendPath, presendBody, perPhase);

  const tokens: string[] = [];
  for (let batch = 0; tokens.length < 6000 * SECONDS; batch++) {
    const res = await fetch(`${info.address}/bench/tokens`, {
      method: 'POST',
      body: JSON.stringify({ count: 5000, prefix: `u${batch}` }),
    });
    tokens.push(...((await res.json()) as { tokens: string[] }).tokens);
  }
  const claims = tokens.map((t) => ({ method: 'POST' as const, path: `/component/v1/tokens/${t}/claim` }));
  const bare = [{ method: 'GET' as const, path: '/bench/bare' }];

  const only = process.env.BENCH_ONLY;
  const phases: Phase[] = [
    { name: 'baseline: verify + sign only', requests: echo, stopAfterRequests: echo.length },
    { name: 'pre-send (verified, signed)', requests: presend, stopAfterRequests: presend.length },
    { name: 'baseline: bare unsigned JSON', requests: bare },
    { name: 'claim (SQLite FULL, group commit)', requests: claims, stopAfterRequests: claims.length },
  ];
  await fetch(`${info.address}/bench/reset-peak`, { method: 'POST' });
  const afterSetup = await state();
  process.stdout.write(
    `server after setup: RSS ${afterSetup.rss_mb.toFixed(0)} MB, heap ${afterSetup.heap_mb.toFixed(0)} MB (peak RSS counted from here)\n`,
  );
  const results = [];
  for (const phase of phases) {
    results.push(
      only && !phase.name.startsWith(only)
        ? {
            name: phase.name,
            rps: Number.NaN,
            p50: 0,
            p99: 0,
            ok: 0,
            non2xx: 0,
            cpuPerRequestUs: 0,
            databaseCpuPerRequestUs: 0,
            loadCpuPerRequestUs: 0,
            switchesPerRequest: 0,
            busyCores: 0,
          }
        : await runPhase([info.address], phase, CONNECTIONS, SECONDS),
    );
    const s = await state();
    process.stdout.write(`  after ${phase.name}: RSS ${s.rss_mb.toFixed(0)} MB, heap ${s.heap_mb.toFixed(0)} MB\n`);
  }
  const [echoR, presendR, bareR, claimR] = results as [
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
  ];
  const final = await state();
  const afterGc = (await (await fetch(`${info.address}/bench/gc`)).json()) as { heapUsed: number };
  process.stdout.write(`server heap in use after a full GC: ${(afterGc.heapUsed / 2 ** 20).toFixed(0)} MB\n`);

  const line = (r: typeof echoR) =>
    `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  server CPU ${r.cpuPerRequestUs.toFixed(0)} µs/req  non-2xx ${r.non2xx}`;
  process.stdout.write(`\n${results.map(line).join('\n')}\n\n`);
  const presendRatio = presendR.rps / echoR.rps;
  const claimRatio = claimR.rps / bareR.rps;
  const checks = [
    [`pre-send / verify+sign baseline = ${presendRatio.toFixed(2)}`, presendRatio >= 0.8, '≥ 0.80'],
    [`claim / bare JSON baseline = ${claimRatio.toFixed(2)}`, claimRatio >= 0.4, '≥ 0.40'],
    [`claim p99 = ${claimR.p99} ms`, claimR.p99 <= 25, '≤ 25 ms'],
    [
      `server peak RSS = ${final.peak_rss_mb.toFixed(0)} MB (now ${final.rss_mb.toFixed(0)}, heap ${final.heap_mb.toFixed(0)})`,
      final.peak_rss_mb < 200,
      '< 200 MB',
    ],
    [`bundles issued = ${final.issued} (claims answered 2xx: ${claimR.ok})`, final.issued <= claimR.ok, '≤ 2xx claims'],
  ] as const;
  for (const [text, ok, target] of checks)
    process.stdout.write(`${ok ? 'MET ' : 'MISS'}  ${text}  (target ${target})\n`);
} finally {
  server.kill();
}
