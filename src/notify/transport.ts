import http from 'node:http';
import https from 'node:https';
import type { DeliveryAttempt } from '../store/lifecycle.js';
import { describeRefusal, type NotifyTargets } from './targets.js';

const RESPONSE_LOG_BYTES = 1024;

export type PostResult = Pick<DeliveryAttempt, 'status' | 'error' | 'response'>;

/**
 * POSTs callbacks over node:http(s) with keep-alive, connecting only where `targets` allows (D-35): the URL is
 * checked before anything is sent, and names are resolved through the targets' vetting `lookup`. Redirects are
 * not followed. Failures are results, never exceptions.
 */
export class CallbackTransport {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(
    private readonly targets: NotifyTargets,
    private readonly timeoutMs: number,
  ) {
    const lookup = targets.lookup;
    this.agents = {
      'http:': new http.Agent({ keepAlive: true, lookup }),
      'https:': new https.Agent({ keepAlive: true, lookup }),
    };
  }

  post(target: string, headers: Record<string, string>, body: string): Promise<PostResult> {
    const url = new URL(target);
    const refusal = this.targets.refuseUrl(url);
    if (refusal) return Promise.resolve(failure(describeRefusal(refusal)));
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return Promise.resolve(failure(`unsupported protocol ${url.protocol}`));
    return this.send(url, headers, body);
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private send(url: URL, headers: Record<string, string>, body: string): Promise<PostResult> {
    const scheme = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const request = scheme.request(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        agent: this.agents[url.protocol as 'http:' | 'https:'],
      });
      const timer = setTimeout(() => {
        resolve(failure(`no answer within ${this.timeoutMs} ms`));
        request.destroy();
      }, this.timeoutMs);
      const settle = (result: PostResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      request.on('error', (e) => settle(failure(describe(e))));
      request.on('response', (res) =>
        readStart(res).then(
          (response) => settle({ status: res.statusCode ?? null, error: null, response }),
          (e: unknown) => settle(failure(describe(e))),
        ),
      );
      request.end(body);
    });
  }
}

const failure = (error: string): PostResult => ({ status: null, error, response: null });

/** The first KiB of a response body as text; a longer body is cut off by closing the connection. */
function readStart(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_LOG_BYTES).toString('utf8'));
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= RESPONSE_LOG_BYTES) {
        done();
        res.destroy();
      }
    });
    res.on('end', done);
    res.on('error', reject);
  });
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}
