import http from 'node:http';
import { type Signer, signedHeaders } from '../signed-fetch.js';
import type { FuzzRequest } from './requests.js';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export type Credentials = { kind: 'signed'; signer: Signer } | { kind: 'bearer'; token: string } | { kind: 'none' };

/**
 * Sends a request exactly as generated: the request line is not normalised (unlike `fetch`), so broken escapes,
 * dot segments and over-long parameters reach the server as written. Signed requests sign that exact line and body.
 */
export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  sent = 0;

  constructor(private readonly origin: URL) {}

  send(request: FuzzRequest, credentials: Credentials): Promise<Answer> {
    const body = request.body === null ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = {
      ...this.authHeaders(request, credentials),
      ...(body ? { 'Content-Length': String(body.length) } : {}),
    };
    if (request.contentType !== undefined) headers['Content-Type'] = request.contentType;
    else if (body && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    this.sent += 1;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.origin.hostname,
          port: this.origin.port,
          method: request.method,
          path: request.path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private authHeaders(request: FuzzRequest, credentials: Credentials): Record<string, string> {
    if (credentials.kind === 'signed')
      return signedHeaders(credentials.signer, request.method, request.path, request.body ?? '');
    const base = { Accept: 'application/json', 'User-Agent': 'coupond-fuzz' };
    return credentials.kind === 'bearer' ? { ...base, Authorization: `Bearer ${credentials.token}` } : base;
  }

  close(): void {
    this.agent.destroy();
  }
}
