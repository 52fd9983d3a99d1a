/**
 * The order repository's hand-written statements, in one place: the bench's
 * bare Fastify + pg baseline imports them too, so it always runs exactly Keel's SQL.
 */

/** Items and history reference the order (FK): CTEs run in one statement, the order row first. */
export const INSERT_ORDER_SQL = `
  WITH o AS (
    INSERT INTO orders.orders (id, user_id, status, status_reason, total_amount, currency, payment_provider,
                               payment_method, created_at, updated_at, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id),
  i AS (
    INSERT INTO orders.order_items (order_id, line_no, product_id, sku, name, unit_price_amount, quantity, line_total_amount)
    SELECT o.id, l.* FROM o, unnest($12::smallint[], $13::uuid[], $14::text[], $15::text[], $16::bigint[], $17::int[], $18::bigint[]) AS l
    RETURNING 1)
  INSERT INTO orders.order_history (order_id, seq, status, reason, at)
  SELECT o.id, h.* FROM o, unnest($19::smallint[], $20::text[], $21::text[], $22::timestamptz[]) AS h`;

/** json_agg renders bigint amounts as JSON numbers: exact, amounts stay far below 2^53 (MAX_MINOR_UNITS). */
export const ORDER_SNAPSHOT_SQL = `
  SELECT o.id, o.user_id, o.status, o.status_reason, o.total_amount, o.currency, o.payment_provider,
         o.payment_method, o.created_at, o.updated_at, o.version,
         COALESCE((SELECT json_agg(json_build_object(
                     'lineNo', i.line_no, 'productId', i.product_id, 'sku', i.sku, 'name', i.name,
                     'unitPriceAmount', i.unit_price_amount, 'quantity', i.quantity, 'lineTotalAmount', i.line_total_amount)
                   ORDER BY i.line_no)
                     FROM orders.order_items i WHERE i.order_id = o.id), '[]') AS items,
         COALESCE((SELECT json_agg(json_build_object('seq', h.seq, 'status', h.status, 'reason', h.reason, 'at', h.at) ORDER BY h.seq)
                     FROM orders.order_history h WHERE h.order_id = o.id), '[]') AS history
    FROM orders.orders o
   WHERE o.id = $1`;
