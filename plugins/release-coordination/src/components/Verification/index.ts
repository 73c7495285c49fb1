export {
  ReleaseVerification,
  ReleaseVerificationSection,
} from './ReleaseVerification';
export type { ReleaseVerificationProps } from './ReleaseVerification';
