/** Which Keel process this is; some boot-time work belongs to one role only. */
export type ProcessRole = 'api' | 'worker';
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
