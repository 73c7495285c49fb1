export { EditReleaseDialog } from './EditReleaseDialog';
export type { EditReleaseDialogProps } from './EditReleaseDialog';
