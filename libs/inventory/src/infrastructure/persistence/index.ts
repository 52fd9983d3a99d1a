/** What ormconfig.ts needs to know about this context's tables. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INVENTORY_ORM_ENTITIES: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INVENTORY_MIGRATIONS: Function[] = [];
