/**
 * The shapes the catalog rules read. Structural, so the schema-derived request types satisfy them while the
 * domain imports nothing outside itself.
 */
export type Scope = 'ALL' | 'SINGLE';
export type CouponType = 'NORMAL' | 'DISCOUNT' | 'EXCHANGE';
export type UsageMode = 'SINGLE' | 'PROGRESSIVE_BUNDLE';

export interface MiniProgramLink {
  mini_program_appid?: string;
  mini_program_path?: string;
}

export interface DisplayInfoInput {
  original_price?: number;
  combo_package_list?: {
    name: string;
    pick_count: number;
    choice_list: ({ name: string } & MiniProgramLink)[];
  }[];
}

export interface AvailablePeriodInput {
  available_begin_time: string;
  available_end_time: string;
  available_days?: number;
  wait_days_after_receive?: number;
  weekly_available_period?: { day_list?: string[]; day_period_list?: { begin_time: number; end_time: number }[] };
  irregular_available_period_list?: { begin_time: string; end_time: string }[];
  available_seconds?: number;
}

export interface UsageRuleDisplayInput extends MiniProgramLink {
  coupon_usage_method_list: string[];
  app_jump_type?: string;
  app_path?: string;
  passcode_link?: string;
  coupon_available_store_info?: MiniProgramLink;
}

export interface RoundRulesInput {
  coupon_available_period: AvailablePeriodInput;
  normal_coupon_list?: { threshold: number; discount_amount: number }[];
  discount_coupon_list?: { threshold: number; percent_off: number }[];
  exchange_coupon_list?: { threshold: number; exchange_price: number }[];
}

export interface StockBundleInput {
  stock_send_rule: { max_count: number; max_count_per_day?: number; max_count_per_user: number };
  progressive_bundle_usage_rule?: RoundRulesInput;
  usage_rule_display_info: UsageRuleDisplayInput;
}

/** The discount of a single-mode coupon: at most the one matching `type` is given. */
export interface SingleDiscountInput {
  normal_coupon?: { threshold: number; discount_amount: number };
  discount_coupon?: { threshold: number; percent_off: number };
  exchange_coupon?: { threshold: number; exchange_price: number };
}

/** The `stock` of create (SINGLE) and of add-stock. */
export interface SingleStockInput {
  single_usage_rule?: SingleDiscountInput & { coupon_available_period: AvailablePeriodInput };
  usage_rule_display_info: UsageRuleDisplayInput;
}

export interface CreateProductCouponInput {
  scope: Scope;
  type: CouponType;
  usage_mode: UsageMode;
  progressive_bundle_usage_info?: { count: number; interval_days?: number };
  display_info: DisplayInfoInput;
  stock_bundle?: StockBundleInput;
  single_usage_info?: Omit<SingleDiscountInput, 'exchange_coupon'>;
  stock?: SingleStockInput;
}

/** What add-bundle needs to know about the stored product coupon. */
export interface ProductCouponFacts {
  scope: Scope;
  type: CouponType;
  usage_mode: UsageMode;
  progressive_bundle_usage_info?: { count: number };
}

export interface UpdateBudgetInput {
  update_mode: 'MAX_COUNT' | 'MAX_COUNT_PER_DAY';
  current_max_count?: number;
  target_max_count?: number;
  current_max_count_per_day?: number;
  target_max_count_per_day?: number;
}

/** The bundle's budget as stored, and how much of it has been issued. */
export interface BudgetFacts {
  max_count: number;
  /** Absent when the bundle was created without a daily cap. */
  max_count_per_day?: number;
  /** The largest lifetime `sent_count_info.total_count` among the bundle's stocks (stock #0's). */
  issued_total: number;
  /** Today's issuance of stock #0, the only stock with a daily cap. */
  issued_today: number;
}
