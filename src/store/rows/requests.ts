import type { RequestRecord } from '../catalog.js';

export interface RequestRow {
  mchid: string;
  brand_id: string;
  api: string;
  request_no: string;
  fingerprint: string;
  status: number;
  response: string;
  created_at: string;
}

export const toRequest = (r: RequestRow): RequestRecord => ({
  mchid: r.mchid,
  brandId: r.brand_id,
  api: r.api,
  requestNo: r.request_no,
  fingerprint: r.fingerprint,
  status: r.status,
  response: r.response,
  createdAt: r.created_at,
});

export const INSERT_REQUEST_COLUMNS = 'mchid, brand_id, api, request_no, fingerprint, status, response, created_at';

export const requestValues = (r: RequestRecord) => [
  r.mchid,
  r.brandId,
  r.api,
  r.requestNo,
  r.fingerprint,
  r.status,
  r.response,
  r.createdAt,
];
