// POST /accessreviews: whether the caller may manage the App Store (globally, or in the body's
// `workspace`), so that the console can disable what KubeSphere would refuse and say why. A POST,
// as Kubernetes' SelfSubjectAccessReview: ks-apiserver authorizes it as `create`, which only the
// extension's manage role template grants, so a caller without it is refused there (403) and this
// route only runs for one who has it. KubeSphere decides the rest, asked the same way the write
// routes ask it (the checker `allow` uses, with its cached answers).
import type { Router } from 'express';

import { READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { mapError } from '../errors.js';
import { validateBody, validatedBody } from '../validation.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

export function accessRoutes(router: Router, context: RouteContext): void {
  // Reading is all the service asks itself: the role template already gave the right to create.
  router.post(
    '/accessreviews',
    validateBody('AccessReviewRequest'),
    context.allow(READ),
    async (req, res) => {
      const { token } = callerOf(req);
      const { workspace } = validatedBody(req, 'AccessReviewRequest');
      const manage = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
        context.access.check(token, 'manage', workspace, signal).then(
          () => true,
          (error: unknown) => {
            // KubeSphere's refusal is the answer; anything else (401, no answer) is no answer at all.
            if (mapError(error).status === 403) return false;
            throw error;
          },
        ),
      );
      reply(res, 'reviewAccess', { manage, ...(workspace === undefined ? {} : { workspace }) });
    },
  );
}
