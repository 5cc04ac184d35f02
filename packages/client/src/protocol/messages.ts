/** The strings that API v3 signs (docs/protocol.md, Signing requests / Signing responses). Every line ends with `\n`, the last one too. */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}
