export { ReleaseReviewSection } from './ReleaseReviewSection';
export type { ReleaseReviewSectionProps } from './ReleaseReviewSection';
export { ReviewsList, reviewScope } from './ReviewsList';
