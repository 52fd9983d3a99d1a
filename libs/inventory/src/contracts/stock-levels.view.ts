/** productId → available units (GetStockLevelsQuery answers it). Products that keep no stock are absent. */
export type StockLevels = Record<string, number>;
