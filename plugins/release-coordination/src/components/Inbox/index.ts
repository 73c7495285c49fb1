export { ApprovalInbox } from './ApprovalInbox';
export type { ApprovalInboxProps } from './ApprovalInbox';
export { ApprovalInboxCardContent } from './ApprovalInboxCard';
export type { ApprovalInboxCardContentProps } from './ApprovalInboxCard';
