/** The identity context's published language: what other contexts may ask it. */
export * from './get-user-contact.query';
