import type { TokenRecord } from '../issuance.js';
import { TOKEN_COLUMNS, tokenValues } from '../rows/issuance-values.js';
import { insertStatement } from '../rows/statements.js';
import type { Database } from './database.js';
import { type BatchOutcome, type GroupCommitOptions, PgGroupCommit } from './group-commit.js';
import { rowObject } from './json-rows.js';

const INSERT_TOKEN = insertStatement('tokens', TOKEN_COLUMNS, 'postgres');

// One statement for the whole batch; a row whose hash exists already is left out and reported below.
const INSERT_TOKENS = `
INSERT INTO tokens (${TOKEN_COLUMNS})
SELECT ${TOKEN_COLUMNS} FROM jsonb_populate_recordset(NULL::tokens, $1)
ON CONFLICT (token_hash) DO NOTHING
RETURNING token_hash`;

const tokenRow = (t: TokenRecord) => rowObject(TOKEN_COLUMNS, tokenValues(t));

/**
 * Pre-send's token inserts, group-committed like claims (D-54): tokens submitted while earlier inserts are in
 * flight go to the database as one multi-row insert, so one commit covers them all. A token whose hash is taken
 * fails alone. If the batch statement fails as a whole, each of its tokens is inserted by itself, so a bad row
 * fails only its own pre-send.
 */
export function pgTokenInserter(db: Database, options: GroupCommitOptions = {}) {
  const one = async (t: TokenRecord): Promise<BatchOutcome<void>> => {
    try {
      await db.query(INSERT_TOKEN, tokenValues(t));
      return { ok: undefined };
    } catch (error) {
      return { error: error as Error };
    }
  };
  const batch = async (tokens: TokenRecord[]): Promise<BatchOutcome<void>[]> => {
    if (tokens.length === 1) return [await one(tokens[0]!)];
    let inserted: Set<string>;
    try {
      const rows = await db.query<{ token_hash: string }>(INSERT_TOKENS, [JSON.stringify(tokens.map(tokenRow))]);
      inserted = new Set(rows.map((r) => r.token_hash));
    } catch {
      return Promise.all(tokens.map(one));
    }
    // A hash inserted once counts once: a second token with it in the same batch fails like one in a later batch.
    return tokens.map((t) =>
      inserted.delete(t.tokenHash) ? { ok: undefined } : { error: new Error('token hash already exists') },
    );
  };
  const committer = new PgGroupCommit(batch, options);
  return (token: TokenRecord): Promise<void> => committer.submit(token);
}
