import type { TokenRecord } from '../issuance.js';
import type { Database, Prepared } from './database.js';
import { type BatchOutcome, type GroupCommitOptions, PgGroupCommit } from './group-commit.js';
import { rowColumns, rowObject } from './json-rows.js';

// One statement for the whole batch; a row whose hash exists already is left out and reported below.
const COLUMNS = rowColumns('tokens').join(', ');
const INSERT_TOKENS: Prepared = {
  name: 'token-insert',
  text: `
INSERT INTO tokens (${COLUMNS})
SELECT ${COLUMNS} FROM jsonb_populate_recordset(NULL::tokens, $1)
ON CONFLICT (token_hash) DO NOTHING
RETURNING token_hash`,
};

/**
 * Pre-send's token inserts, group-committed like claims (D-54): tokens submitted while earlier inserts are in
 * flight go to the database as one multi-row insert, so one commit covers them all. A token whose hash is taken
 * fails alone. If the batch statement fails as a whole, each of its tokens is inserted by itself, so a bad row
 * fails only its own pre-send.
 */
export function pgTokenInserter(db: Database, options: GroupCommitOptions = {}) {
  const insert = async (tokens: TokenRecord[]): Promise<BatchOutcome<void>[]> => {
    let inserted: Set<string>;
    try {
      const rows = await db.query<{ token_hash: string }>(INSERT_TOKENS, [
        JSON.stringify(tokens.map((t) => rowObject('tokens', t))),
      ]);
      inserted = new Set(rows.map((r) => r.token_hash));
    } catch (error) {
      if (tokens.length === 1) return [{ error: error as Error }];
      return (await Promise.all(tokens.map((t) => insert([t])))).flat();
    }
    // A hash inserted once counts once: a second token with it in the same batch fails like one in a later batch.
    return tokens.map((t) =>
      inserted.delete(t.tokenHash) ? { ok: undefined } : { error: new Error('token hash already exists') },
    );
  };
  const committer = new PgGroupCommit('token-insert', insert, options);
  return (token: TokenRecord): Promise<void> => committer.submit(token);
}
