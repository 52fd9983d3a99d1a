import { strongEtag } from '../../application';
import { ifNoneMatchMatches } from './etag';

describe('ETag', () => {
  const etag = strongEtag('{"a":1}');

  it('When the body is the same, then the tag is the same and strong; another body, another tag', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(strongEtag('{"a":1}')).toBe(etag);
    expect(strongEtag('{"a":2}')).not.toBe(etag);
  });

  it.each([
    [undefined, false],
    ['', false],
    [etag, true],
    [`W/${etag}`, true],
    [`"x", ${etag}`, true],
    ['*', true],
    ['"x"', false],
    [etag.slice(1, -1), false],
  ])('When If-None-Match is %p, then match is %p', (header, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });
});
