import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { type CoupondProcess, mapConcurrently } from './coupond-process.js';

export interface LoadReport {
  received: Map<string, string>;
  failed: string[];
  /** Answers that were neither a claim result nor WeChat's SYSTEM_ERROR body. */
  unexpected: { status: number; body: unknown }[];
  /** Requests that got no HTTP answer at all (the server was gone). */
  unanswered: number;
  slowestFailureMs: number;
}

/** Claims every token once, `concurrency` at a time, `spacingMs` apart per worker, while `fault` runs. */
export async function claimUnderLoad(
  proc: CoupondProcess,
  tokens: string[],
  options: { concurrency: number; spacingMs: number },
  fault: () => Promise<void>,
): Promise<LoadReport> {
  const report: LoadReport = { received: new Map(), failed: [], unexpected: [], unanswered: 0, slowestFailureMs: 0 };
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      try {
        const { status, body, ms } = await proc.claim(token);
        if (status === 200 && body.result === 'RECEIVED')
          report.received.set(token, String(body.user_coupon_bundle_id));
        else if (isSystemError(status, body)) {
          report.failed.push(token);
          report.slowestFailureMs = Math.max(report.slowestFailureMs, ms);
        } else report.unexpected.push({ status, body });
      } catch {
        report.unanswered++;
        report.failed.push(token);
      }
      await new Promise((resolve) => setTimeout(resolve, options.spacingMs));
    }
  };
  await Promise.all([...Array.from({ length: options.concurrency }, worker), fault()]);
  return report;
}

export function isSystemError(status: number, body: Record<string, unknown>): boolean {
  return status === 500 && body.code === 'SYSTEM_ERROR' && typeof body.message === 'string';
}

export async function waitUntilReady(origin: string, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${origin}/readyz`).catch(() => null);
    if (res?.status === 200) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not ready within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a `SELECT count(*) AS n …` with an optional `$1`, straight on the database coupond uses. */
export type CountQuery = (sql: string, param?: string) => Promise<number>;

export const postgresCount =
  (url: string): CountQuery =>
  async (sql, param) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(sql, param === undefined ? [] : [param]);
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  };

export const sqliteCount =
  (path: string): CountQuery =>
  async (sql, param) => {
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare(sql.replace('$1', '?')).get(...(param === undefined ? [] : [param])) as { n: number };
      return Number(row.n);
    } finally {
      db.close();
    }
  };

/**
 * After recovery: claiming every token again answers its one bundle (RECEIVED for those whose first claim failed,
 * ALREADY_RECEIVED otherwise), and the database holds exactly one issuance per token with counters equal to rows.
 */
export async function expectEachClaimedOnce(
  proc: CoupondProcess,
  count: CountQuery,
  batch: { tokens: string[]; requestPrefix: string },
  report: LoadReport,
) {
  const { tokens } = batch;
  const bundles = new Set<string>();
  const answers = await mapConcurrently(tokens, 8, (token) => proc.claim(token));
  for (const [i, { status, body }] of answers.entries()) {
    const token = tokens[i]!;
    expect(status).toBe(200);
    expect(['RECEIVED', 'ALREADY_RECEIVED']).toContain(body.result);
    const first = report.received.get(token);
    if (first) expect(body).toMatchObject({ result: 'ALREADY_RECEIVED', user_coupon_bundle_id: first });
    bundles.add(String(body.user_coupon_bundle_id));
  }
  expect(bundles.size).toBe(tokens.length);
  const like = `${batch.requestPrefix}%`;
  expect(
    await count('SELECT count(*) AS n FROM tokens WHERE claimed_at IS NOT NULL AND send_request_no LIKE $1', like),
  ).toBe(tokens.length);
  expect(await count('SELECT count(*) AS n FROM user_coupon_bundles WHERE send_request_no LIKE $1', like)).toBe(
    tokens.length,
  );
  expect(
    await count(
      'SELECT count(*) AS n FROM stocks s WHERE s.total_count <> (SELECT count(*) FROM user_coupons u WHERE u.stock_id = s.stock_id)',
    ),
  ).toBe(0);
}
