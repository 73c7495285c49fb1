import { MetricsBucket } from './DatabaseMetricsStore';

/**
 * Where review completion comes from: post-release reviews (being built on
 * their own branch) implement it over their store. Per bucket, in the
 * buckets' order: of the releases released in it that required a review, how
 * many have a completed one; undefined while there is no review store, which
 * makes the measure "not available".
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
