/** Roles are a shared-kernel concept: a context grants them, the platform's guards check them. */
export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
