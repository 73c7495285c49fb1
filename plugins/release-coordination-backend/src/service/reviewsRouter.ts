import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createActionItemRequestSchema,
  listReviewsQuerySchema,
  ReleaseReview,
  updateActionItemRequestSchema,
  updateReviewRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { ReviewService } from '../reviews/ReviewService';
import { UserCredentials } from '../credentials';
import { auditMutation, parseInput, readableRelease } from './http';

/**
 * What the review routes need.
 *
 * @public
 */
export interface ReviewRouterOptions {
  reviews: ReviewService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

const itemPathSchema = z.object({
  itemId: z.string().trim().min(1).max(36),
});

const describeReview = (review: ReleaseReview) => ({
  releaseId: review.releaseId,
  revision: review.revision,
  status: review.status,
  actionItems: review.actionItems.length,
});

/**
 * Adds the post-release review routes: `GET /reviews`, `GET`/`PATCH
 * /releases/:id/review`, `GET /releases/:id/review/markdown`, `POST
 * /releases/:id/review/action-items` and `PATCH
 * /releases/:id/review/action-items/:itemId`; all need a user, the changes
 * are audited.
 *
 * @public
 */
export function addReviewRoutes(router: Router, options: ReviewRouterOptions) {
  const { reviews, httpAuth, auditor } = options;

  /** An audited change of the review of the release `:id`. */
  const change =
    (
      eventId: string,
      mutation: (
        req: Request,
        res: Response,
        credentials: UserCredentials,
      ) => Promise<ReleaseReview>,
      status = 200,
    ) =>
    async (req: Request, res: Response) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const review = await auditMutation({
        auditor,
        req,
        eventId,
        meta: { releaseId: req.params.id },
        mutation: () => mutation(req, res, credentials),
        describe: describeReview,
      });
      res.status(status).json(review);
    };

  router.get('/reviews', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const query = parseInput(listReviewsQuerySchema, req.query);
    res.json(await reviews.listReviews(query, credentials));
  });

  router.get('/releases/:id/review', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await reviews.getReview(readableRelease(res), credentials));
  });

  router.get('/releases/:id/review/markdown', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { fileName, markdown } = await reviews.markdown(
      readableRelease(res),
      credentials,
    );
    res
      .type('text/markdown; charset=utf-8')
      .attachment(fileName)
      .send(markdown);
  });

  router.patch(
    '/releases/:id/review',
    change('release-review-update', (req, res, credentials) =>
      reviews.updateReview(
        readableRelease(res),
        parseInput(updateReviewRequestSchema, req.body),
        credentials,
      ),
    ),
  );

  router.post(
    '/releases/:id/review/action-items',
    change(
      'release-review-action-item-create',
      (req, res, credentials) =>
        reviews.addActionItem(
          readableRelease(res),
          parseInput(createActionItemRequestSchema, req.body),
          credentials,
        ),
      201,
    ),
  );

  router.patch(
    '/releases/:id/review/action-items/:itemId',
    change('release-review-action-item-update', (req, res, credentials) => {
      const { itemId } = parseInput(itemPathSchema, req.params);
      return reviews.updateActionItem(
        readableRelease(res),
        itemId,
        parseInput(updateActionItemRequestSchema, req.body),
        credentials,
      );
    }),
  );
}
