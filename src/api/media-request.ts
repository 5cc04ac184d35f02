import type { FastifyRequest } from 'fastify';
import { badParam } from '../domain/catalog/fail.js';
import { invalidRequest, paramError } from '../domain/errors.js';
import { MAX_IMAGE_BYTES } from '../domain/media.js';
import { parseJsonText } from '../schemas/json-text.js';
import { type FormPart, type ParsedForm, parseForm } from './multipart.js';

/** A media upload's body: a 2 MiB image plus room for `meta` and the multipart framing. */
export const MEDIA_BODY_LIMIT_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
/** `meta` and `file`; anything past these is refused without being read. */
const MAX_PARTS = 4;
const PARTS = ['meta', 'file'];

/** The form of a media upload, or `null` when the body is not one (D-90). */
export function readMediaForm(request: FastifyRequest): Promise<ParsedForm | null> {
  return parseForm(request.declaredContentType ?? '', request.rawBody ?? Buffer.alloc(0), {
    partBytes: MAX_IMAGE_BYTES + 1,
    parts: MAX_PARTS,
  });
}

const only = (form: ParsedForm, name: string): FormPart | undefined => form.parts.get(name)?.[0];

/**
 * What the request signature of a media upload covers: the `meta` part's text when the body is a form with one;
 * otherwise the body as received, as for every other API, so a caller who sent something else is verified the usual
 * way and gets a signed answer (D-90).
 */
export function signedMediaText(form: ParsedForm | null): string | undefined {
  const meta = form ? only(form, 'meta') : undefined;
  return meta?.bytes.toString('utf8');
}

/** After authentication: the parsed `meta` JSON and the `file` part, or WeChat's error for a body that is not one. */
export function mediaParts(request: FastifyRequest, form: ParsedForm | null): { meta: unknown; file?: FormPart } {
  const type = request.declaredContentType ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw invalidRequest('Http头Content-Type值必须为multipart/form-data', {
      location: 'header',
      field: 'Content-Type',
      value: type,
    });
  if (!form) throw paramError('请求体不是合法的 multipart/form-data', { location: 'body' });
  const extra = [...form.parts.entries()]
    .filter(([name, parts]) => !PARTS.includes(name) || parts.length > 1)
    .map(([name]) => `/body/${name}`);
  if (form.tooManyParts || extra.length > 0)
    throw paramError('请求中含有未在API文档中定义的参数', { location: null, value: extra });
  const meta = only(form, 'meta');
  if (!meta) throw badParam('/meta', '缺少媒体文件元信息 meta');
  const file = only(form, 'file');
  return { meta: parseJsonText(meta.bytes.toString('utf8')), ...(file ? { file } : {}) };
}
