/**
 * PostgreSQL channel on which every committed change of a stock row is
 * announced (a trigger on inventory.stock_items). Payload: `<productId>`, or
 * `<productId> <tag>` when the writing transaction labelled its changes
 * (see StockItemRepository.labelChanges).
 */
export const STOCK_CHANGES_CHANNEL = 'keel_inventory_stock';

/** Transaction-local setting the trigger reads the label from. */
export const STOCK_CHANGE_TAG_SETTING = 'keel.stock_change_tag';
