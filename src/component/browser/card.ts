import type { ComponentCoupon } from '../../schemas/component.js';
import { h, picture } from './dom.js';
import { roundRule, roundsTitle, validityText, yuan } from './format.js';

type ComboList = NonNullable<ComponentCoupon['combo_package_list']>;

export interface Card {
  root: HTMLElement;
  badge: HTMLElement;
  /** Where the combo packages go; re-rendered when the user comes to hold the coupon. */
  combos: HTMLElement;
}

const choiceKey = (pkg: number, choice: number) => `${pkg}:${choice}`;

export function choiceAt(coupon: ComponentCoupon, key: string) {
  const [pkg, choice] = key.split(':').map(Number);
  return coupon.combo_package_list?.[pkg ?? -1]?.choice_list[choice ?? -1];
}

function rules(coupon: ComponentCoupon): HTMLElement {
  const rounds = [...coupon.rounds].sort((a, b) => a.index - b.index);
  return h(
    'section',
    { class: 'rules', 'aria-label': '优惠规则' },
    h('h3', {}, roundsTitle(coupon)),
    h(
      'ol',
      {},
      ...rounds.map((round, i) =>
        h(
          'li',
          {},
          ...(rounds.length > 1 ? [h('span', { class: 'nth' }, `第${i + 1}次`)] : []),
          h('span', { class: 'rule' }, roundRule(coupon.type, round)),
        ),
      ),
    ),
  );
}

export function couponCard(coupon: ComponentCoupon): Card {
  const badge = h('span', { class: 'badge' });
  const combos = h('div', { class: 'combos-slot' });
  const validity = validityText(coupon.valid_begin_time, coupon.valid_end_time);
  const details = coupon.detail_image_url_list ?? [];
  const root = h(
    'article',
    { class: 'card', 'aria-label': coupon.name },
    h(
      'div',
      { class: 'hero' },
      picture(coupon.background_url, '', 'bg'),
      badge,
      picture(coupon.image_url, coupon.name, 'product'),
    ),
    h(
      'div',
      { class: 'body' },
      h('h2', { class: 'name' }, coupon.name),
      coupon.original_price ? h('p', { class: 'price' }, '原价 ', h('s', {}, `¥${yuan(coupon.original_price)}`)) : null,
      rules(coupon),
      validity ? h('p', { class: 'validity' }, validity) : null,
      combos,
      details.length > 0
        ? h(
            'section',
            { class: 'details', 'aria-label': '商品详情' },
            h('h3', {}, '商品详情'),
            ...details.map((url, i) => picture(url, `商品详情图${i + 1}`, 'detail')),
          )
        : null,
    ),
  );
  return { root, badge, combos };
}

/**
 * Choices are buttons only once the user holds the coupon (selection happens on the 去使用 page, docs/component.md);
 * before the claim they are a preview, and when the claim is refused they are plain information.
 */
export type ComboMode = 'select' | 'preview' | 'static';

const HINTS: Record<ComboMode, string | null> = {
  select: '点选商品前往商家页面',
  preview: '领取后可选择商品',
  static: null,
};

export function comboSection(list: ComboList, mode: ComboMode, selected: string | null): HTMLElement {
  const selectable = mode === 'select';
  const hint = HINTS[mode];
  const packages = list.map((pkg, p) =>
    h(
      'div',
      { class: 'package', role: 'group', 'aria-label': pkg.name },
      h('h3', {}, pkg.name, h('span', { class: 'pick' }, `${pkg.choice_list.length}选${pkg.pick_count}`)),
      h(
        'ul',
        { class: 'choices' },
        ...pkg.choice_list.map((choice, c) => {
          const key = choiceKey(p, c);
          const content = [
            picture(choice.image_url, '', 'thumb'),
            h('span', { class: 'choice-name' }, choice.name),
            h(
              'span',
              { class: 'choice-price' },
              `¥${yuan(choice.price)}`,
              choice.count > 1 ? h('span', { class: 'count' }, ` ×${choice.count}`) : null,
            ),
          ];
          const item = selectable
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'choice',
                  'data-action': 'choice',
                  'data-choice': key,
                  'aria-pressed': String(key === selected),
                },
                ...content,
              )
            : h('div', { class: 'choice' }, ...content);
          return h('li', {}, item);
        }),
      ),
    ),
  );
  return h(
    'section',
    { class: 'combos', 'aria-label': '套餐' },
    ...packages,
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
}

export function skeleton(): HTMLElement {
  return h(
    'div',
    { class: 'card skeleton', 'aria-hidden': 'true' },
    h('div', { class: 'hero' }, h('div', { class: 'pic product' })),
    h(
      'div',
      { class: 'body' },
      h('div', { class: 'bar wide' }),
      h('div', { class: 'bar' }),
      h('div', { class: 'bar' }),
    ),
  );
}

export function failure(): HTMLElement {
  return h(
    'div',
    { class: 'card failure', role: 'alert' },
    h('div', { class: 'icon', 'aria-hidden': 'true' }, '!'),
    h('p', { class: 'title' }, '获取数据失败'),
    h('p', { class: 'sub' }, '请返回后重新打开'),
  );
}
