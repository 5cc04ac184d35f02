import type { FastifyInstance } from 'fastify';
import {
  AddKeyBody,
  AuthorizeBody,
  BrandParams,
  CreateBrandBody,
  CreateMerchantBody,
  MchidParams,
  RegisterStoreBody,
  RelateAppIdBody,
  UnionIdBody,
} from '../../schemas/admin.js';
import { validate } from '../../schemas/validate.js';
import { registerStore } from '../../services/stores/register.js';
import * as tenants from '../../services/tenants.js';
import type { AppContext } from '../context.js';

/** `/admin/v1`: merchants and their API keys, brands, brand→merchant authorizations, stores, AppIDs, unionids (D-1, D-3, D-80). */
export function adminTenantRoutes(admin: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  admin.post('/merchants', async (req, reply) => {
    const created = await tenants.createMerchant(deps, validate(CreateMerchantBody, req.body, 'body'));
    return reply.status(201).send(created);
  });
  admin.get('/merchants', async () => {
    const list = await deps.store.listMerchants();
    return { data: list.map((m) => ({ mchid: m.mchid, name: m.name, notify_url: m.notifyUrl })) };
  });
  admin.post('/merchants/:mchid/keys', async (req, reply) => {
    const { mchid } = validate(MchidParams, req.params, 'uri_template');
    const body = validate(AddKeyBody, req.body, 'body');
    return reply.status(201).send(await tenants.addMerchantKey(deps, mchid, body.public_key, body.serial_no));
  });
  admin.post('/brands', async (req, reply) => {
    return reply.status(201).send(await tenants.createBrand(deps, validate(CreateBrandBody, req.body, 'body')));
  });
  admin.post('/brands/:brand_id/authorizations', async (req, reply) => {
    const { brand_id } = validate(BrandParams, req.params, 'uri_template');
    const { mchid } = validate(AuthorizeBody, req.body, 'body');
    return reply.status(201).send(await tenants.authorizeBrand(deps, brand_id, mchid));
  });
  admin.post('/brands/:brand_id/stores', async (req, reply) => {
    const { brand_id } = validate(BrandParams, req.params, 'uri_template');
    const { store_id } = validate(RegisterStoreBody, req.body, 'body');
    const { created, store } = await registerStore(deps, brand_id, store_id);
    return reply.status(created ? 201 : 200).send(store);
  });
  admin.post('/appids', async (req, reply) => {
    return reply.status(201).send(await tenants.relateAppId(deps, validate(RelateAppIdBody, req.body, 'body')));
  });
  admin.post('/unionids', async (req, reply) => {
    return reply.status(201).send(await tenants.registerUnionId(deps, validate(UnionIdBody, req.body, 'body')));
  });
}
