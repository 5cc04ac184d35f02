/** Calls to coupond's admin and sandbox APIs with the admin token kept for the browser session (D-63). */
const TOKEN_KEY = 'coupond.console.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Called when a call answers 401: the token was changed or is wrong. */
let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (handler: () => void) => {
  onUnauthorized = handler;
};

/** `method path` with `Authorization: Bearer <token>`; JSON in and out; `null` for 204. */
export async function call<T>(method: string, path: string, body?: unknown, bearer = token.get()): Promise<T> {
  if (!bearer) throw new ApiError(401, 'UNAUTHORIZED', 'signed out');
  const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    cache: 'no-store',
  });
  if (response.status === 204) return null as T;
  const data = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) {
    if (response.status === 401 && bearer === token.get()) onUnauthorized();
    throw new ApiError(response.status, data.code ?? 'ERROR', data.message ?? response.statusText);
  }
  return data as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const del = <T>(path: string) => call<T>('DELETE', path);

export const CONSOLE_API = '/admin/v1/console';

/** A query string of the given values, empty ones left out. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}
