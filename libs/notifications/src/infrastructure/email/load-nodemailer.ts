import { loadOnFirstUse } from '@keel/kernel';

/** nodemailer only in a process that sends mail (the worker's consumers): the API wires the senders but never sends. */
export const loadNodemailer = loadOnFirstUse(() => import('nodemailer'));
