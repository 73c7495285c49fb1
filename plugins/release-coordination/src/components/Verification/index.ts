export { ReleaseVerification } from './ReleaseVerification';
export type { ReleaseVerificationProps } from './ReleaseVerification';
