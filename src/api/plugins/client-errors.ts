import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'INVALID_REQUEST', message: '请求未在限定时间内发送完毕' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'INVALID_REQUEST', message: '请求行与请求头超过 16 KiB 上限' },
};
const MALFORMED = { status: 400, code: 'INVALID_REQUEST', message: 'HTTP 请求格式错误' };

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (malformed, headers over 16 KiB, too slow)
 * never reaches a route, but still gets WeChat's `{code, message}` body before the connection closes (D-41).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ code, message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
