import { describe, expect, test } from 'vitest';
import { issuanceFingerprint, singleFingerprint } from '../issuance/presend.js';
import { fingerprint } from './fingerprint.js';

// Fingerprints as databases already hold them: a stored number must keep replaying (D-117).
describe('the stored form of fingerprints', () => {
  test('a catalog or lifecycle request record: keys sorted at every depth, absent properties left out', () => {
    const parameters = {
      product_coupon_id: '1000000014',
      body: {
        out_request_no: 'R1',
        brand_id: 'b',
        deactivate_reason: '活动结束',
        z: [2, { y: 1, x: undefined, a: null }],
        n: 1.5,
        t: true,
      },
    };
    expect(fingerprint(parameters)).toBe(
      '{"body":{"brand_id":"b","deactivate_reason":"活动结束","n":1.5,"out_request_no":"R1","t":true,"z":[2,{"a":null,"y":1}]},"product_coupon_id":"1000000014"}',
    );
  });

  test('a bundle issuance or token: name–value pairs in name order, an absent attach null', () => {
    const body = {
      brand_id: 'b',
      appid: 'wx1234',
      product_coupon_id: '1000000014',
      stock_bundle_id: '712315129419284901',
      send_request_no: 'S1',
    };
    expect(issuanceFingerprint('oUser_1', body)).toBe(
      '[["appid","wx1234"],["attach",null],["openid","oUser_1"],["product_coupon_id","1000000014"],["stock_bundle_id","712315129419284901"]]',
    );
    expect(issuanceFingerprint('oUser_1', { ...body, attach: '附加"信息' })).toBe(
      '[["appid","wx1234"],["attach","附加\\"信息"],["openid","oUser_1"],["product_coupon_id","1000000014"],["stock_bundle_id","712315129419284901"]]',
    );
  });

  test('a single-coupon issuance or token: its stock and assigned code among the pairs', () => {
    const body = {
      brand_id: 'b',
      appid: 'wx1234',
      product_coupon_id: '1000000014',
      stock_id: '1000000014001',
      send_request_no: 'S1',
      coupon_code: 'CODE_1',
    };
    expect(singleFingerprint('oUser_1', body)).toBe(
      '[["appid","wx1234"],["attach",null],["coupon_code","CODE_1"],["openid","oUser_1"],["product_coupon_id","1000000014"],["stock_id","1000000014001"]]',
    );
  });
});
