import { type CouponError, invalidRequest, Messages, paramError } from '../errors.js';

/** Failures of the catalog rules. `field` is a JSON pointer into the request body, as in schema failures. */

const lastName = (pointer: string) => pointer.split('/').findLast((p) => p !== '' && !/^\d+$/.test(p)) ?? pointer;

/** `/a/0/b` → `a[0].b` */
const dotted = (pointer: string) =>
  pointer
    .split('/')
    .filter(Boolean)
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

/** A field breaks its documented format, range, presence or combination rule: `PARAM_ERROR`. */
export function badParam(field: string, issue: string, value?: unknown): CouponError {
  return paramError(`输入源“/body${field}”映射到字段“${lastName(field)}”规则校验失败，${issue}`, {
    location: 'body',
    field,
    value,
    issue,
  });
}

/** Well-formed input that a business rule refuses: `INVALID_REQUEST` 传入参数不符合业务规则. */
export function breaksRule(field: string, issue: string, value?: unknown): CouponError {
  return invalidRequest(`${Messages.businessRule}：${dotted(field)} ${issue}`, {
    location: 'body',
    field,
    value,
    issue,
  });
}

/** Business refusals whose wording WeChat documents verbatim. */
export function refused(field: string, message: string, value?: unknown): CouponError {
  return invalidRequest(message, { location: 'body', field, value, issue: message });
}
