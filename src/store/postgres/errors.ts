/** The SQLSTATE of a server error, or the code of a socket error (`ECONNRESET`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * node-postgres stopped waiting for an answer (`query_timeout`): the connection is still busy with the statement,
 * so a ROLLBACK would only queue behind it. The connection is dropped instead, which ends the transaction.
 */
export const clientTimedOut = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';

/** Socket errors of a server that cannot be reached: connecting again would only wait or fail the same way. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * node-postgres gave up opening a connection. The pool's own "timeout exceeded when trying to connect" is not one:
 * it also means that every pooled connection stayed busy, which a server under load does.
 */
const CONNECT_TIMED_OUT = 'Connection terminated due to connection timeout';

/**
 * The server is not answering or cannot be reached: no answer to a statement in time, a connection that timed out
 * opening or was refused, or SQLSTATE 57P03 (the server is starting up). One connection that died on a running
 * server (`pg_terminate_backend`, a reset socket) is not a stall: the next checkout opens a new one at once. A
 * statement the server cancelled itself (`statement_timeout`, `lock_timeout`) is an answer, so it is not a stall.
 */
export function signalsStall(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (clientTimedOut(error) || error.message === CONNECT_TIMED_OUT) return true;
  const code = sqlState(error) ?? '';
  return UNREACHABLE.has(code) || code === '57P03';
}
