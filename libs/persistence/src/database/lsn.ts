/**
 * PostgreSQL WAL positions (`pg_lsn`, printed as `16/B374D848`): two 32-bit
 * hex halves. Compared as 64-bit integers; stored as fixed-width hex so that
 * string order is numeric order (Redis compares them as strings).
 */
export type Lsn = bigint;

const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export function parseLsn(text: string): Lsn {
  const match = LSN.exec(text.trim());
  if (!match) throw new Error(`Not a PostgreSQL LSN: ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** 16 hex digits: sortable as a string. */
export function lsnToSortable(lsn: Lsn): string {
  return lsn.toString(16).padStart(16, '0');
}

export function lsnFromSortable(text: string): Lsn {
  if (!/^[0-9a-f]{16}$/.test(text)) throw new Error(`Not a stored LSN: ${JSON.stringify(text)}`);
  return BigInt(`0x${text}`);
}

export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
