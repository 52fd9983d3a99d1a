/**
 * The identity context's published language: integration event names and payloads,
 * and the queries other contexts may ask it. The only part of this context other
 * contexts may import (enforced by dependency-cruiser).
 */
export * from './identity.events';
export * from './get-user-contact.query';
export * from './user-contact.view';
export * from './issue-account-link.command';
