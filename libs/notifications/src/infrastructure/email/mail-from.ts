/**
 * Sender of every email. Fixed for now: the environment schema has no
 * MAIL_FROM yet (see libs/notifications/README.md).
 */
export const MAIL_FROM = 'Keel <no-reply@keel.local>';
