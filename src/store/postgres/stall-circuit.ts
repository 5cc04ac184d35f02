import { signalsStall } from './errors.js';

/** What a checkout fails with while PostgreSQL is not answering; it answers `500 SYSTEM_ERROR` like any failure. */
export class PostgresUnavailableError extends Error {
  constructor(cause: unknown) {
    super('PostgreSQL is not answering: failing fast until a probe connection gets an answer', { cause });
    this.name = 'PostgresUnavailableError';
  }
}

/** A pooled connection as the circuit hands it on: given back with `release`. */
interface Releasable {
  release(error?: Error): void;
}

export interface StallCircuit {
  /**
   * `connect`'s connection, or the unavailable error at once while the circuit is open. A checkout still waiting
   * when the circuit opens fails then; the connection it gets later goes straight back to the pool.
   */
  checkout<C extends Releasable>(connect: () => Promise<C>): Promise<C>;
  /** Looks at a failed statement: a stall or a dead connection opens the circuit. */
  observe(error: unknown): void;
  /** Ends the probing (the pool is closing). */
  stop(): void;
}

/** Between probes that got no answer: short, so recovery follows soon after PostgreSQL answers again. */
const PROBE_PAUSE_MS = 250;

/**
 * D-30: once a statement or a connection shows PostgreSQL stalled or gone, checkouts fail at once instead of each
 * waiting out a connect timeout, and `probe` (a connection of its own and `SELECT 1`) runs again and again, one at a
 * time, until it succeeds; that closes the circuit.
 */
export function stallCircuit(probe: () => Promise<void>, pauseMs = PROBE_PAUSE_MS): StallCircuit {
  let tripped: PostgresUnavailableError | null = null;
  let stopped = false;
  const waiting = new Set<(error: Error) => void>();

  async function probeUntilAnswered(): Promise<void> {
    while (tripped && !stopped) {
      try {
        await probe();
        tripped = null;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, pauseMs).unref());
      }
    }
  }

  function observe(error: unknown): void {
    if (tripped || stopped || !signalsStall(error)) return;
    tripped = new PostgresUnavailableError(error);
    for (const abandon of [...waiting]) abandon(tripped);
    void probeUntilAnswered();
  }

  function checkout<C extends Releasable>(connect: () => Promise<C>): Promise<C> {
    if (tripped) return Promise.reject(new PostgresUnavailableError(tripped.cause));
    return new Promise<C>((resolve, reject) => {
      const abandon = (error: Error) => {
        waiting.delete(abandon);
        reject(error);
      };
      waiting.add(abandon);
      connect().then(
        (client) => (waiting.delete(abandon) ? resolve(client) : client.release()),
        (error: unknown) => {
          if (waiting.delete(abandon)) reject(error);
          observe(error);
        },
      );
    });
  }

  return {
    checkout,
    observe,
    stop: () => {
      stopped = true;
    },
  };
}
