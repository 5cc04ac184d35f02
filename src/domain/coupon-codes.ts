/** The rules of a coupon-code upload batch (预上传券Code, D-85) that need no I/O. */

/** At most this many codes per upload call. */
export const MAX_CODES_PER_UPLOAD = 200;

const CODE_FORMAT = /^[0-9A-Za-z_-]{1,40}$/;

export const CodeMessages = {
  notUploadMode: '只有 coupon_code_mode 为 UPLOAD 的批次可以预上传券Code',
  expired: '已过期的批次不可预上传券Code',
  format: '券Code格式错误：仅可使用数字、大小写字母、下划线_、短横线-，长度为1-40个字符',
} as const;

interface CodeFailure {
  coupon_code: string;
  code: string;
  message: string;
}

export interface SortedCodes {
  /** Distinct codes in the order they first appear. */
  distinct: string[];
  /** Codes that appear more than once, each once, in the order they first appear. */
  duplicates: string[];
  /** Distinct codes of the documented format: the ones that may be stored. */
  valid: string[];
  /** Distinct codes that break the format, each with why. */
  failed: CodeFailure[];
}

export function sortCodes(codes: readonly string[]): SortedCodes {
  const seen = new Map<string, number>();
  for (const code of codes) seen.set(code, (seen.get(code) ?? 0) + 1);
  const distinct = [...seen.keys()];
  return {
    distinct,
    duplicates: distinct.filter((c) => seen.get(c)! > 1),
    valid: distinct.filter((c) => CODE_FORMAT.test(c)),
    failed: distinct
      .filter((c) => !CODE_FORMAT.test(c))
      .map((coupon_code) => ({ coupon_code, code: 'PARAM_ERROR', message: CodeMessages.format })),
  };
}

export interface UploadAnswer {
  total_count: number;
  success_code_list?: string[];
  failed_code_list?: CodeFailure[];
  already_exist_code_list?: string[];
  duplicate_code_list?: string[];
}

const listed = <K extends string, T>(key: K, list: T[]) =>
  (list.length > 0 ? { [key]: list } : {}) as { [P in K]?: T[] };

/** WeChat's answer: stored codes succeed, valid ones not stored already existed; empty lists are left out. */
export function uploadAnswer(sorted: SortedCodes, stored: readonly string[]): UploadAnswer {
  const storedSet = new Set(stored);
  return {
    total_count: sorted.distinct.length,
    ...listed(
      'success_code_list',
      sorted.valid.filter((c) => storedSet.has(c)),
    ),
    ...listed('failed_code_list', sorted.failed),
    ...listed(
      'already_exist_code_list',
      sorted.valid.filter((c) => !storedSet.has(c)),
    ),
    ...listed('duplicate_code_list', sorted.duplicates),
  };
}
