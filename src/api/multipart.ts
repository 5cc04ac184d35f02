import { Busboy } from '@fastify/busboy';

/** One part of a multipart/form-data body, read whole. */
export interface FormPart {
  bytes: Buffer;
  /** The part was longer than the per-part limit and was cut there. */
  truncated: boolean;
  filename: string | undefined;
}

/** The parts of a body by name, in the order they came; a name sent twice keeps every occurrence. */
type FormParts = Map<string, FormPart[]>;

export interface FormLimits {
  /** Bytes kept of any one part; a longer part is cut and marked `truncated`. */
  partBytes: number;
  /** Parts read at most; the rest are ignored and the form is marked `tooManyParts`. */
  parts: number;
}

export interface ParsedForm {
  parts: FormParts;
  tooManyParts: boolean;
}

/**
 * Parses a buffered multipart/form-data body with busboy, the parser behind @fastify/multipart. Every part is read
 * as bytes whether or not it names a file (WeChat's SDKs send `meta` both ways). `null` when the declared type is
 * not multipart/form-data with a boundary, or the body is not a well-formed form: the caller decides what that means.
 */
export function parseForm(contentType: string, body: Buffer, limits: FormLimits): Promise<ParsedForm | null> {
  return new Promise((resolve) => {
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: { 'content-type': contentType },
        isPartAFile: () => true,
        limits: { fileSize: limits.partBytes, files: limits.parts, parts: limits.parts, fields: 0 },
      });
    } catch {
      resolve(null);
      return;
    }
    const parts: FormParts = new Map();
    const reading: Promise<void>[] = [];
    let tooManyParts = false;
    parser.on('file', (name, stream, filename) => {
      reading.push(readPart(stream, filename).then((part) => void parts.set(name, [...(parts.get(name) ?? []), part])));
    });
    parser.on('filesLimit', () => (tooManyParts = true));
    parser.on('partsLimit', () => (tooManyParts = true));
    parser.on('error', () => resolve(null));
    parser.on('finish', () => {
      Promise.all(reading).then(
        () => resolve({ parts, tooManyParts }),
        () => resolve(null),
      );
    });
    parser.end(body);
  });
}

function readPart(stream: NodeJS.ReadableStream & { truncated: boolean }, filename: string): Promise<FormPart> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () =>
      resolve({ bytes: Buffer.concat(chunks), truncated: stream.truncated, filename: filename || undefined }),
    );
  });
}
