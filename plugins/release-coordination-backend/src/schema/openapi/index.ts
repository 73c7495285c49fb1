export * from './generated/router';
