export const CATALOG_SETTINGS = Symbol('CatalogSettings');

export interface CatalogSettings {
  /** IMAGE_MAX_BYTES. */
  imageMaxBytes: number;
}
