/** Thrown inside a transaction or savepoint to roll it back and answer `outcome` instead. */
export class RollbackWith<T> {
  constructor(readonly outcome: T) {}
}

/** The outcome a `RollbackWith` carried; any other error is thrown again. */
export function outcomeOf<T>(error: unknown): T {
  if (error instanceof RollbackWith) return error.outcome as T;
  throw error;
}
