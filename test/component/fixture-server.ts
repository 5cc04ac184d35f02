import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ComponentAsset,
  createComponentAssets,
  demoPageAsset,
  receivePageAsset,
} from '../../src/component/index.js';
import type { ClaimResponse, DemoPreSendResponse, TokenPreview } from '../../src/schemas/component.js';
import { type Scenario, scenarios } from './fixtures.js';

/**
 * A stand-in for coupond's component routes: serves the pages and bundles through `src/component`'s helpers and
 * answers the JSON API from per-token scenarios, recording every claim.
 */
export interface FixtureServer {
  base: string;
  claims: string[];
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, asset: ComponentAsset) => {
  res.writeHead(status, { 'content-type': asset.contentType, 'cache-control': 'no-store' });
  res.end(asset.body);
};
const json = (res: ServerResponse, body: TokenPreview | ClaimResponse | DemoPreSendResponse | object, status = 200) =>
  send(res, status, { contentType: 'application/json', body: JSON.stringify(body) });

/** An iframe host page for D-10's postMessage path. */
const hostPage = (token: string): ComponentAsset => ({
  contentType: 'text/html; charset=utf-8',
  body: `<!doctype html><meta charset="utf-8"><title>host</title>
<iframe id="frame" src="/component/receive?token=${encodeURIComponent(token)}" style="width:390px;height:800px;border:0"></iframe>`,
});

export async function startFixtureServer(bundleDir: string): Promise<FixtureServer> {
  const asset = createComponentAssets(bundleDir);
  const claims: string[] = [];
  let table: Record<string, Scenario> = {};
  let demoTokens = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const path = url.pathname;
    const api = /^\/component\/v1\/tokens\/([^/]+)(\/claim)?$/.exec(path);
    if (req.method === 'GET' && path === '/component/receive') {
      return send(res, 200, receivePageAsset(url.searchParams.get('token') ?? undefined));
    }
    if (req.method === 'GET' && path === '/component/demo') return send(res, 200, demoPageAsset());
    if (req.method === 'GET' && path === '/host') return send(res, 200, hostPage(url.searchParams.get('token') ?? ''));
    if (req.method === 'GET' && path.startsWith('/component/assets/')) {
      const found = await asset(path.slice('/component/assets/'.length));
      return found ? send(res, 200, found) : json(res, { code: 'NOT_FOUND', message: 'no such asset' }, 404);
    }
    if (req.method === 'POST' && path === '/component/v1/demo/pre-send') {
      demoTokens += 1;
      const token = `demo-${demoTokens}`;
      table[token] = table.ready as Scenario;
      return json(res, { token });
    }
    if (api) {
      const token = decodeURIComponent(api[1] ?? '');
      const scenario = table[token] ?? { preview: { state: 'TOKEN_INVALID' } };
      if (req.method === 'POST' && api[2]) {
        claims.push(token);
        return json(res, scenario.claim ?? { result: 'TOKEN_INVALID' });
      }
      if (scenario.delay) await new Promise((r) => setTimeout(r, scenario.delay));
      if (scenario.preview === 'drop') return void res.destroy();
      if (scenario.preview === 'http-500') return json(res, { code: 'SYSTEM_ERROR', message: '系统异常' }, 500);
      return json(res, scenario.preview);
    }
    json(res, { code: 'NOT_FOUND', message: 'not found' }, 404);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, { code: 'SYSTEM_ERROR', message: String(error) }, 500));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  table = scenarios(base);
  return {
    base,
    claims,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
