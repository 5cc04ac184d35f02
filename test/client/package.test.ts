import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPO, 'node_modules/.bin/tsc');

/** npm as a user runs it: without the settings `npm test` hands its scripts. */
function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

/** The three call styles and webhook verification, as a user's project writes them. */
const CONSUMER = `
import {
  createClient,
  type ProductCouponSendNotification,
  verifyAndDecryptCallback,
  type WechatpayResponse,
} from '@coupond/client';

declare const privateKey: string;
const client = createClient({ mchid: '1900000001', serial: 'SERIAL', privateKey, baseURL: 'http://127.0.0.1:8080/' });
const openid = 'oh-394z-6CGkNoJrsDLTTUKiAnp4';
const json = {
  brand_id: '120344', appid: 'wx233544546545989', product_coupon_id: '1000000013',
  stock_bundle_id: '100232301', send_request_no: 'REQ_000001',
};
const PATH = 'v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon-bundle';

export const tokens: Promise<WechatpayResponse<{ token: string }>>[] = [
  client.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle.post({ openid, json }),
  client.chain(PATH).post({ openid, json }),
  client[PATH].post({ openid, json }),
];
// @ts-expect-error attatch is not a field of the body
client[PATH].post({ openid, json: { ...json, attatch: 'x' } });

/** A fetch-style webhook handler. */
export async function onCallback(request: Request, apiv3Key: string, wechatpayPublicKey: string): Promise<string> {
  const { envelope, resource } = await verifyAndDecryptCallback<ProductCouponSendNotification>({
    headers: request.headers,
    body: await request.text(),
    apiv3Key,
    wechatpayPublicKey,
    wechatpayPublicKeyId: 'PUB_KEY_ID_0000000000000000000000000000000001',
  });
  return envelope.event_type === 'PRODUCT_COUPON_SP.SEND' ? resource.coupon_code : '';
}
`;

/** A callback built and checked by the installed package, with a key pair made for the run. */
const ROUNDTRIP = `
import { generateKeyPairSync } from 'node:crypto';
import { buildTestCallback, verifyAndDecryptCallback } from '@coupond/client';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiv3Key = 'your-32-byte-apiv3-key-0123456789'.slice(0, 32);
const serial = 'PUB_KEY_ID_0000000000000000000000000000000001';
const sent = await buildTestCallback({
  apiv3Key, serial, eventType: 'PRODUCT_COUPON_SP.SEND',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  resource: { coupon_code: '1234567890' },
});
const { envelope, resource } = await verifyAndDecryptCallback({
  headers: sent.headers, body: sent.body, apiv3Key,
  wechatpayPublicKey: publicKey.export({ type: 'spki', format: 'pem' }), wechatpayPublicKeyId: serial,
});
console.log(envelope.event_type, resource.coupon_code);
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: [],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
  },
  include: ['consumer.ts'],
};

describe('@coupond/client installed alone in a new project', () => {
  let scratch: string;
  let packed: { filename: string; files: { path: string }[] };

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'coupond-client-'));
    [packed] = JSON.parse(npm(['pack', '-w', '@coupond/client', '--pack-destination', scratch, '--json'], REPO));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(scratch, 'consumer.ts'), CONSUMER);
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts=false', packed.filename], scratch);
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('packs its build, README and manifest, and no sources', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
    expect(paths.filter((p) => !/^dist\/.+\.(js|d\.ts)$/.test(p)).sort()).toEqual(['README.md', 'package.json']);
  });

  it('installs without the network, pulls in no other package and builds nothing native', () => {
    const modules = join(scratch, 'node_modules');
    expect(readdirSync(modules).filter((name) => !name.startsWith('.'))).toEqual(['@coupond']);
    expect(readdirSync(join(modules, '@coupond'))).toEqual(['client']);
    expect(filesUnder(modules).filter((path) => /(^|\/)build(\/|$)|\.node$|binding\.gyp$/.test(path))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(modules, '@coupond/client/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /install/.test(s))).toEqual([]);
  });

  it('type-checks the three call styles and webhook verification against the installed declarations', () => {
    expect(() => execFileSync(TSC, ['-p', scratch], { cwd: scratch, encoding: 'utf8' })).not.toThrow();
  }, 60_000);

  it('signs and verifies a webhook in Node from the installed build', () => {
    writeFileSync(join(scratch, 'roundtrip.mjs'), ROUNDTRIP);
    const out = execFileSync(process.execPath, ['roundtrip.mjs'], { cwd: scratch, encoding: 'utf8' });
    expect(out.trim()).toBe('PRODUCT_COUPON_SP.SEND 1234567890');
  });
});
