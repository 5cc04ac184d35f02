import { type CouponError, paramError } from './errors.js';

/** Where a field came from, as WeChat's `detail.location` names it. */
export type FieldLocation = 'body' | 'query' | 'uri_template';

/** The rule a field broke, named as WeChat's `PARAM_ERROR` messages name it (D-77). */
export type FieldRule = 'required' | 'string' | 'number' | 'enum' | 'format' | 'type' | 'array' | 'object' | 'value';

const RULE_WORDS: Record<FieldRule, string> = {
  required: '必填性',
  string: '字符串',
  number: '数值',
  enum: '枚举',
  format: '格式',
  type: '类型',
  array: '数组',
  object: '对象',
  value: '',
};

/** The last name of a JSON pointer that is not an array index: `/a/0/b` → `b`; `''` for none. */
const fieldName = (pointer: string): string => pointer.split('/').findLast((p) => p !== '' && !/^\d+$/.test(p)) ?? '';

/**
 * The one `PARAM_ERROR` for a field (D-77): "输入源“/body/a/b”映射到字段“b”字符串规则校验失败，字符数 41，大于最大值 40".
 * `pointer` is a JSON pointer into the body, query or path parameters; `issue` says in words what is wrong.
 */
export function fieldError(
  location: FieldLocation,
  pointer: string,
  rule: FieldRule,
  issue: string,
  value?: unknown,
): CouponError {
  const source = `/${location}${pointer === '/' ? '' : pointer}`;
  return paramError(
    `输入源“${source}”映射到字段“${fieldName(pointer) || location}”${RULE_WORDS[rule]}规则校验失败，${issue}`,
    { location, field: pointer, ...(value === undefined ? {} : { value }), issue },
  );
}
