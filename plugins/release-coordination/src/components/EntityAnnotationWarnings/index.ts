export { EntityAnnotationWarnings } from './EntityAnnotationWarnings';
