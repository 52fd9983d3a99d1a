import { ValidationError } from '@keel/kernel';
import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('keyset cursor', () => {
  const position = { createdAt: new Date('2026-01-01T00:00:00.123Z'), id: '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f' };

  it('When encoded and decoded, then the position round-trips', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'abc', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["not a date","x"]').toString('base64url')])(
    'When the cursor is forged (%s), then a validation error, not a crash',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(ValidationError);
    },
  );

  it('When one more row than the limit is fetched, then nextCursor points at the last returned row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: new Date(n * 1000) }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.items).toHaveLength(2);
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual(rows[1]);
    expect(toPage(rows.slice(0, 2), 2, (r) => r.id).nextCursor).toBeNull();
  });
});
