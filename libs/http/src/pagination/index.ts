export * from './cursor';
export * from './page-query.dto';
export * from './api-page-response.decorator';
