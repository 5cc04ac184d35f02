import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMAGE_CONTENT_TYPES, MEDIA_IMAGE_PREFIX, parseMediaImagePath } from '../../domain/media.js';
import type { AppContext } from '../context.js';

/** A year: the URL names the bytes (their SHA-256), so what it shows never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /media/images/{sha256}.{png|jpg|bmp}`: the stored bytes, open to anyone as WeChat's image URLs are, with their
 * type, an ETag and immutable caching; any other name answers an empty `404` (D-90).
 */
export function mediaImageRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(`${MEDIA_IMAGE_PREFIX}:name`, async (request: FastifyRequest, reply: FastifyReply) => {
    const named = parseMediaImagePath(request.url.split('?')[0] ?? '');
    const image = named ? await ctx.deps.store.getImage(named.imageId) : null;
    if (!named || !image || image.type !== named.type) return reply.status(404).send();
    const etag = `"${image.imageId}"`;
    reply.header('Cache-Control', IMMUTABLE).header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(IMAGE_CONTENT_TYPES[image.type]).header('Content-Length', image.size).send(image.bytes);
  });
}
