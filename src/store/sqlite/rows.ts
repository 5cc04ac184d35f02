/** Column ↔ record mapping helpers shared by the SQLite parts. */
export const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
export const parse = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));
