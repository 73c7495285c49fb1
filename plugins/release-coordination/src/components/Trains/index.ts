export { TrainsTab } from './TrainsTab';
export type { TrainsTabProps } from './TrainsTab';
export { BookOnTrain } from './BookOnTrain';
export type { BookOnTrainProps } from './BookOnTrain';
