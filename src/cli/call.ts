import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type HttpMethod, WechatpayError, WechatpayVerificationError } from '@coupond/client';
import type { Credentials } from './data-folder.js';

const USAGE = `usage: coupond call <METHOD> <path> [--json '{…}'] [--params 'k=v&…'] [--data DIR]
  Signs the request with the merchant key of credentials.json, verifies the signed answer and prints it.
`;

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface CallOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processOutput: CallOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `coupond call`: 0 for a verified 2xx, 1 for anything else (usage errors included). */
export async function runCall(
  argv: string[],
  credentialsPath: string,
  io: CallOutput = processOutput,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const { method, path, json, params, data } = parsed;
  const file = data ? join(resolve(data), 'credentials.json') : credentialsPath;
  try {
    const credentials = JSON.parse(await readFile(file, 'utf8')) as Credentials;
    const here = (p: string) => resolve(dirname(file), p);
    const client = createClient({
      baseURL: credentials.base_url,
      mchid: credentials.mchid,
      serial: credentials.serial_no,
      privateKey: await readFile(here(credentials.private_key_path), 'utf8'),
      wechatpayPublicKey: await readFile(here(credentials.wechatpay_public_key_path), 'utf8'),
      wechatpayPublicKeyId: credentials.wechatpay_public_key_id,
    });
    const res = await client.request({ method, path, params, ...(json !== undefined ? { body: json } : {}) });
    io.out(`HTTP ${res.status}\nRequest-ID: ${res.requestId}\n${pretty(res.data)}`);
    return 0;
  } catch (error) {
    if (error instanceof WechatpayError)
      io.err(`HTTP ${error.status}\nRequest-ID: ${error.requestId}\n${pretty(parseOrText(error.body))}`);
    else if (error instanceof WechatpayVerificationError)
      io.err(`response rejected (${error.reason}): ${error.message}\nHTTP ${error.status}\n${error.body}\n`);
    else io.err(`coupond call: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'string' }, params: { type: 'string' }, data: { type: 'string' } },
  });
  const [verb, path, ...extra] = positionals;
  const method = verb?.toUpperCase() ?? '';
  if (!METHODS.has(method) || !path || extra.length > 0) throw new Error('expected <METHOD> <path>');
  if (values.json !== undefined) JSON.parse(values.json);
  const params = Object.fromEntries(new URLSearchParams(values.params ?? ''));
  return { method: method as HttpMethod, path, json: values.json, params, data: values.data };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function pretty(data: unknown): string {
  if (data === undefined) return '';
  return `${typeof data === 'string' ? data : JSON.stringify(data, null, 2)}\n`;
}
