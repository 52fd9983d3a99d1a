import { formatLsn, lsnFromSortable, lsnToSortable, parseLsn } from './lsn';
import { PrimaryWalHistory } from './primary-wal-history';

describe('PostgreSQL LSNs', () => {
  it('When LSNs are parsed, then they compare as 64-bit positions (the high half counts more)', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
  });

  it('When an LSN is stored, then string order is numeric order (Redis compares strings)', () => {
    const lsns = ['0/FFFFFFFF', '1/0', '0/9', '0/10', 'A/1'].map(parseLsn);
    const byString = [...lsns].sort((a, b) => (lsnToSortable(a) < lsnToSortable(b) ? -1 : 1));
    const byNumber = [...lsns].sort((a, b) => (a < b ? -1 : 1));
    expect(byString).toEqual(byNumber);
    for (const lsn of lsns) expect(lsnFromSortable(lsnToSortable(lsn))).toBe(lsn);
  });

  it('When the text is not an LSN, then parsing fails loudly', () => {
    expect(() => parseLsn('abc')).toThrow('Not a PostgreSQL LSN');
    expect(() => lsnFromSortable('1/0')).toThrow('Not a stored LSN');
  });
});

describe('Replica lag from primary WAL positions', () => {
  const t0 = 1_000_000;

  it('When nothing was sampled yet, then the lag is unknown', () => {
    expect(new PrimaryWalHistory(60_000).lagOf(10n, null, t0)).toBeUndefined();
  });

  it('When the replica has replayed the latest position, then it does not lag, however old its last replayed commit (idle primary)', () => {
    const history = new PrimaryWalHistory(60_000);
    history.add(100n, t0);
    expect(history.lagOf(100n, 3_600_000, t0 + 5000)).toBe(0);
  });

  it('When the replica is behind, then the lag is how long ago the primary was where the replica is', () => {
    const history = new PrimaryWalHistory(60_000);
    history.add(100n, t0);
    history.add(200n, t0 + 1000);
    history.add(300n, t0 + 2000);
    expect(history.lagOf(200n, null, t0 + 2500)).toBe(1500);
    expect(history.lagOf(250n, null, t0 + 2500)).toBe(1500);
    expect(history.lagOf(150n, null, t0 + 2500)).toBe(2500);
  });

  it('When the time since the last replayed commit is smaller, then it is the finer estimate and wins', () => {
    const history = new PrimaryWalHistory(60_000);
    history.add(100n, t0);
    history.add(300n, t0 + 1000);
    expect(history.lagOf(250n, 40, t0 + 1500)).toBe(40);
    expect(history.lagOf(250n, -5, t0 + 1500)).toBe(1500); // clock skew: ignored
  });

  it('When the replica is behind even the oldest sample, then the lag is at least the age of the history (or unknown with nothing to go on)', () => {
    const history = new PrimaryWalHistory(10_000);
    history.add(100n, t0);
    history.add(200n, t0 + 5000);
    history.add(300n, t0 + 12_000); // the first sample falls out of the window
    expect(history.lagOf(50n, null, t0 + 12_000)).toBe(7000);
    expect(history.lagOf(50n, 9000, t0 + 12_000)).toBe(9000);

    const fresh = new PrimaryWalHistory(10_000);
    fresh.add(300n, t0);
    expect(fresh.lagOf(50n, null, t0)).toBeUndefined();
    expect(fresh.lagOf(50n, 800, t0)).toBe(800);
  });
});
