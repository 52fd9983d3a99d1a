import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'keel:isPublic';
/** Marks a route (or controller) as reachable without an access token. Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
