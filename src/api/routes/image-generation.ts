import type { FastifyInstance } from 'fastify';
import { createImageGenerationTask, getImageGenerationTask } from '../../schemas/image-generation.js';
import { createImageTask } from '../../services/media/generation/create.js';
import { getImageTask } from '../../services/media/generation/query.js';
import type { ImageTaskRunner } from '../../services/media/generation/runner.js';
import { originOf } from '../origin.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `/image-generation-tasks`: 提交图片生成任务 and 查询图片生成任务执行结果 (D-92, D-93). */
export function imageGenerationRoutes(app: FastifyInstance, router: WechatRouter, runner: ImageTaskRunner): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, createImageGenerationTask, async ({ mchid, body, request }) => {
    const answer = await createImageTask(deps, mchid, body, originOf(request));
    // A task due at once is rendered now rather than at the job's next tick; the job retries what fails here.
    runner.run().catch(() => undefined);
    return answer;
  });
  registerEndpoint(app, router, getImageGenerationTask, ({ mchid, params, query, request }) =>
    getImageTask(deps, mchid, params.task_id, query, originOf(request)),
  );
}
