import { badParam } from './fail.js';
import type { DisplayInfoInput, MiniProgramLink, Scope, UsageRuleDisplayInput } from './types.js';

/** Display rules a schema cannot express (`display_info`, `usage_rule_display_info`; docs/decisions.md, Catalog: Display). */

/** `mini_program_appid` and `mini_program_path` are given together or not at all. */
function checkMiniProgramPair(link: MiniProgramLink, base: string): void {
  const appid = link.mini_program_appid !== undefined;
  const path = link.mini_program_path !== undefined;
  if (appid && !path) throw badParam(`${base}/mini_program_path`, '填写 mini_program_appid 时必填');
  if (path && !appid) throw badParam(`${base}/mini_program_appid`, '填写 mini_program_path 时必填');
}

export function checkDisplayInfo(info: DisplayInfoInput, scope: Scope, base = '/display_info'): void {
  const combos = info.combo_package_list;
  if (scope === 'SINGLE' && combos === undefined) {
    throw badParam(`${base}/combo_package_list`, 'scope 为 SINGLE 时必填');
  }
  if (scope === 'ALL') {
    if (combos !== undefined) throw badParam(`${base}/combo_package_list`, 'scope 为 ALL 时不可填写');
    if ((info.original_price ?? 0) !== 0) {
      throw badParam(`${base}/original_price`, 'scope 为 ALL 时不可填写', info.original_price);
    }
  }
  combos?.forEach((combo, i) => {
    const field = `${base}/combo_package_list/${i}`;
    if (combo.pick_count > combo.choice_list.length) {
      throw badParam(
        `${field}/pick_count`,
        `不能大于 choice_list 的长度（${combo.choice_list.length}）`,
        combo.pick_count,
      );
    }
    combo.choice_list.forEach((choice, j) => {
      checkMiniProgramPair(choice, `${field}/choice_list/${j}`);
    });
  });
}

export function checkUsageRuleDisplay(info: UsageRuleDisplayInput, base: string): void {
  const methods = info.coupon_usage_method_list;
  checkMiniProgramPair(info, base);
  if (methods.includes('MINI_PROGRAM') && info.mini_program_appid === undefined) {
    throw badParam(`${base}/mini_program_appid`, 'coupon_usage_method_list 包含 MINI_PROGRAM 时必填');
  }
  if (methods.includes('APP') && info.app_jump_type === undefined) {
    throw badParam(`${base}/app_jump_type`, 'coupon_usage_method_list 包含 APP 时必填');
  }
  if (info.app_jump_type === 'H5' && info.app_path === undefined) {
    throw badParam(`${base}/app_path`, 'app_jump_type 为 H5 时必填');
  }
  if (info.app_jump_type === 'PASSCODE_LINK' && info.passcode_link === undefined) {
    throw badParam(`${base}/passcode_link`, 'app_jump_type 为 PASSCODE_LINK 时必填');
  }
  if (info.coupon_available_store_info !== undefined) {
    checkMiniProgramPair(info.coupon_available_store_info, `${base}/coupon_available_store_info`);
  }
}
