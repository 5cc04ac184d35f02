/** The words of the store APIs' pages (批次组批量关联门店 …, 查询批次关联门店列表), and coupond's own where they are silent. */

export type StoreAction = 'associate' | 'disassociate' | 'list';

const VERB: Record<StoreAction, string> = { associate: '关联', disassociate: '取消关联', list: '查询关联' };

export const StoreMessages = {
  expired: (action: StoreAction) => `已过期的批次不可${VERB[action]}门店`,
  scope: (action: StoreAction) => `只有 store_scope 为 SPECIFIC 的批次可以${VERB[action]}门店`,
  /** The per-store failure of the documented example. */
  foreignStore: '门店ID非法或不属于当前品牌',
  /** D-82: the stock-level endpoints refuse the stocks of a bundle. */
  bundleStock: (action: StoreAction) => `多次优惠批次组内的批次不可使用本接口，请使用批次组批量${VERB[action]}门店接口`,
  /** D-83: use at a store outside a SPECIFIC stock's stores. */
  notAssociated: '核销门店不在批次的可用门店范围内',
  deactivated: '批次已失效',
} as const;
