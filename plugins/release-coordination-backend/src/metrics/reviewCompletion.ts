import { MetricsBucket } from './DatabaseMetricsStore';

/**
 * Where review completion comes from: the post-release review store
 * (`DatabaseReviewStore.countCompletion`). Per bucket, in the buckets'
 * order: of the releases that finished (went live) in it and required a
 * review, how many have a completed one; undefined without a review store,
 * which makes the measure "not available".
 *
 * @public
 */
export interface ReviewCompletionSource {
  completion(input: {
    /** Releases touching any of these entities; every release when undefined. */
    entityRefs?: string[];
    buckets: MetricsBucket[];
  }): Promise<Array<{ required: number; completed: number }> | undefined>;
}

/** The source while there are no post-release reviews: not available. */
export const REVIEW_COMPLETION_UNAVAILABLE: ReviewCompletionSource = {
  completion: async () => undefined,
};
