import { jsonNestingExceeds } from './json-body-parser';

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
