export { StatusReport } from './StatusReport';
export type { StatusReportProps } from './StatusReport';
export { statusReportText } from './statusReportModel';
