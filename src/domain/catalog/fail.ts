import { type CouponError, invalidRequest, Messages } from '../errors.js';
import { fieldError } from '../field-error.js';

/** Failures of the catalog rules. `field` is a JSON pointer into the request body, as in schema failures. */

/** `/a/0/b` → `a[0].b` */
const dotted = (pointer: string) =>
  pointer
    .split('/')
    .filter(Boolean)
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

/** A field breaks its documented format, range, presence or combination rule: `PARAM_ERROR`. */
export function badParam(field: string, issue: string, value?: unknown): CouponError {
  return fieldError('body', field, 'value', issue, value);
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
