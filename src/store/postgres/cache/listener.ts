import pg from 'pg';

export interface Listener {
  /** Whether the LISTEN connection is up: while it is not, nothing may be served from a cache. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ListenerEvents {
  /** A notification on the channel. */
  message(payload: string): void;
  /** The connection came up or went down: whatever was cached may have missed notifications. */
  reset(): void;
}

const MAX_BACKOFF_MS = 5000;

/**
 * A dedicated connection that LISTENs on `channel` and reconnects with backoff when it drops. A dropped
 * connection never throws: it reports `reset`, and `listening` stays false until LISTEN is in force again.
 */
export async function listen(config: pg.ClientConfig, channel: string, events: ListenerEvents): Promise<Listener> {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let backoff = 100;
  let retry: NodeJS.Timeout | undefined;

  const down = (failed: pg.Client) => {
    if (client !== failed) return;
    client = null;
    listening = false;
    events.reset();
    failed.end().catch(() => {});
    if (!closed) retry = setTimeout(() => void connect(), backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  async function connect(): Promise<void> {
    const c = new pg.Client(config);
    client = c;
    c.on('error', () => down(c));
    c.on('end', () => down(c));
    c.on('notification', (n) => {
      if (n.channel === channel) events.message(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channel}"`);
      if (client !== c) return;
      listening = true;
      backoff = 100;
      events.reset();
    } catch {
      down(c);
    }
  }

  await connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      listening = false;
      await c?.end().catch(() => {});
    },
  };
}
