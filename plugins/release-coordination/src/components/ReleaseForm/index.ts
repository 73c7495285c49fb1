export { ReleaseFormDialog, ReleaseFormFields } from './ReleaseFormFields';
export type { ReleaseFormFieldsProps } from './ReleaseFormFields';
export * from './releaseForm';
export { proposeWindow, useFreeDefaultWindow } from './useFreeDefaultWindow';
