export { FreezesTab } from './FreezesTab';
export type { FreezesTabProps } from './FreezesTab';
export { FreezeDialog } from './FreezeDialog';
export type { FreezeDialogProps } from './FreezeDialog';
