export * from './problem-details';
export * from './problem.schema';
export * from './problem-details.mapping';
export * from './problem-details.filter';
export * from './validation-exception.factory';
