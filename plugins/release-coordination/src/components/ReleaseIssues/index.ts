export { ReleaseIssues, IssueRow } from './ReleaseIssues';
export { OpenIssuesTab } from './OpenIssuesTab';
export { SeverityChip, IssueStatusChip } from './IssueChips';
export { EntityOpenIssues } from './EntityOpenIssues';
