import { fieldError } from '../../domain/field-error.js';
import type { StockRecord } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';

/**
 * `coupon_code` of 向用户发放商品券 / 向用户预发放商品券 (D-101): required when the stock's `coupon_code_mode` is
 * `API_ASSIGN`, refused in the other modes, where coupond chooses the code.
 */
export function checkAssignedCode(stock: StockRecord, code: string | undefined): void {
  const mode = stock.data.coupon_code_mode;
  if (mode === 'API_ASSIGN' && code === undefined)
    throw fieldError('body', '/coupon_code', 'required', 'coupon_code_mode 为 API_ASSIGN 时必填');
  if (mode !== 'API_ASSIGN' && code !== undefined)
    throw fieldError('body', '/coupon_code', 'value', `coupon_code_mode 为 ${mode} 时不可填写，券Code由系统分配`);
}

/** Whether an assigned code names a user coupon already (fail-fast; the issuing transaction decides, D-7). */
export async function codeTaken(deps: ServiceDeps, code: string | null): Promise<boolean> {
  return code !== null && (await deps.store.getUserCoupon(code)) !== null;
}
