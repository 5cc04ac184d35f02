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

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The server did not answer or the connection died: no answer in time, a connection that timed out opening or
 * was cut (`Connection terminated…`, a socket error, SQLSTATE class 08, or 57P…: the backend terminated, the
 * server shutting down or starting up). A statement the server cancelled itself (`statement_timeout`,
 * `lock_timeout`) is an answer, so it is not a stall.
 */
export function signalsStall(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (clientTimedOut(error) || error.message.startsWith('Connection terminated')) return true;
  const code = sqlState(error) ?? '';
  return UNREACHABLE.has(code) || code.startsWith('08') || code.startsWith('57P');
}
