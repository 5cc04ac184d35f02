import type { FastifyRequest } from 'fastify';
import { demoImageOn } from '../../component/demo-images.js';
import type { ComponentCoupon } from '../../schemas/component.js';
import { originOf } from '../origin.js';

/** The coupon of a component answer with coupond's own demo images on the origin the request came to (D-64). */
export function withDemoImagesOf(request: FastifyRequest, coupon: ComponentCoupon): ComponentCoupon {
  const on = (url: string) => demoImageOn(url, originOf(request));
  return {
    ...coupon,
    image_url: on(coupon.image_url),
    background_url: on(coupon.background_url),
    ...(coupon.detail_image_url_list ? { detail_image_url_list: coupon.detail_image_url_list.map(on) } : {}),
    ...(coupon.combo_package_list
      ? {
          combo_package_list: coupon.combo_package_list.map((p) => ({
            ...p,
            choice_list: p.choice_list.map((c) => (c.image_url ? { ...c, image_url: on(c.image_url) } : c)),
          })),
        }
      : {}),
  };
}
