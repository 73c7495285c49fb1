export { CreateReleaseDialog } from './CreateReleaseDialog';
export type { CreateReleaseDialogProps } from './CreateReleaseDialog';
export { CreateReleaseButton } from './CreateReleaseButton';
