import { uploadCouponCodes } from './coupon-codes.js';
import { createImageGenerationTask, getImageGenerationTask } from './image-generation.js';
import { preSendCoupon, preSendCouponBundle, sendCoupon, sendCouponBundle } from './issuance.js';
import { uploadImage } from './media.js';
import { getNotifyConfig, setNotifyConfig } from './notify-configs.js';
import {
  createProductCoupon,
  deactivateProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
} from './product-coupons.js';
import { addStockBundle, modifyStockBundle, updateStockBundleBudget } from './stock-bundles.js';
import { addStock, deactivateStock, getStock, listStocks, modifyStock, updateStockBudget } from './stocks.js';
import {
  associateBundleStores,
  associateStockStores,
  disassociateBundleStores,
  disassociateStockStores,
  listAssociatedStores,
} from './stores.js';
import {
  confirmUserCoupon,
  deactivateUserCoupon,
  deactivateUserCouponBundle,
  getUserCoupon,
  listUserCoupons,
  returnUserCoupon,
  useUserCoupon,
} from './user-coupons.js';

/** Every WeChat endpoint coupond speaks. Routes, SDK types and openapi.json are all derived from this list. */
export const endpoints = {
  setNotifyConfig,
  getNotifyConfig,
  createProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
  deactivateProductCoupon,
  addStockBundle,
  modifyStockBundle,
  updateStockBundleBudget,
  addStock,
  associateBundleStores,
  disassociateBundleStores,
  listStocks,
  getStock,
  modifyStock,
  updateStockBudget,
  deactivateStock,
  associateStockStores,
  disassociateStockStores,
  listAssociatedStores,
  uploadCouponCodes,
  preSendCouponBundle,
  sendCouponBundle,
  preSendCoupon,
  sendCoupon,
  getUserCoupon,
  listUserCoupons,
  confirmUserCoupon,
  useUserCoupon,
  returnUserCoupon,
  deactivateUserCoupon,
  deactivateUserCouponBundle,
  uploadImage,
  createImageGenerationTask,
  getImageGenerationTask,
} as const;

export type Endpoints = typeof endpoints;
