/** One versioned schema change of either database. Never edit a released migration: add one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
