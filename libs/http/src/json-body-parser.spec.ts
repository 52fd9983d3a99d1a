import { jsonNestingExceeds } from './json-body-parser';
import { containsUnstorableText } from './unstorable-text';

describe('jsonNestingExceeds', () => {
  it('When arrays or objects nest deeper than the limit, then it says so', () => {
    expect(jsonNestingExceeds('[[[1]]]', 2)).toBe(true);
    expect(jsonNestingExceeds('{"a":{"b":{"c":1}}}', 2)).toBe(true);
    expect(jsonNestingExceeds('[{"a":[1]}]', 2)).toBe(true);
  });

  it('When the nesting is at most the limit, including siblings, then it passes', () => {
    expect(jsonNestingExceeds('[[1],[2],{"a":[3]}]', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":1,"b":[1,2]}', 2)).toBe(false);
    expect(jsonNestingExceeds('"plain"', 1)).toBe(false);
  });

  it('When brackets and escaped quotes are inside strings, then they do not count', () => {
    expect(jsonNestingExceeds('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\"[[[[\\"","b":"\\\\"}', 1)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\\\","b":[[1]]}', 2)).toBe(true);
  });
});

describe('containsUnstorableText', () => {
  it('When a string or key has NUL or an unpaired surrogate, then it is unstorable; paired surrogates are fine', () => {
    expect(containsUnstorableText({ a: ['x', { b: 'a\u0000b' }] })).toBe(true);
    expect(containsUnstorableText({ 'k\u0000': 1 })).toBe(true);
    expect(containsUnstorableText(['co\udfff\ud800'])).toBe(true);
    expect(containsUnstorableText('\ud800')).toBe(true);
    expect(containsUnstorableText({ emoji: '👩‍👩‍👧‍👦', rtl: '\u202Eabc', n: 1, z: null, t: true })).toBe(false);
  });
});
