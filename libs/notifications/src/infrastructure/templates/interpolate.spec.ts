import { escapeHtml, interpolate, MissingTemplateVariableError } from './interpolate';

describe('interpolate', () => {
  it('When variables are referenced (with or without inner spaces, repeatedly), then each is replaced', () => {
    expect(interpolate('Hi {{name}}, order {{ orderNumber }} for {{name}}', { name: 'Ada', orderNumber: 'AB12' })).toBe(
      'Hi Ada, order AB12 for Ada',
    );
  });

  it('When rendering HTML, then values are escaped but the template markup is not', () => {
    expect(interpolate('<p>{{name}}</p>', { name: `<script>alert("x")</script> & 'co'` }, escapeHtml)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });

  it('When rendering text, then values are inserted verbatim', () => {
    expect(interpolate('{{name}}', { name: '<b>Ada</b> & co' })).toBe('<b>Ada</b> & co');
  });

  it('When a value itself looks like a placeholder, then it is not expanded again', () => {
    expect(interpolate('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}');
  });

  it('When a variable has no value (or names an Object.prototype member), then it throws instead of sending a broken email', () => {
    expect(() => interpolate('Hello {{name}}', {})).toThrow(MissingTemplateVariableError);
    expect(() => interpolate('{{constructor}}', {})).toThrow(MissingTemplateVariableError);
  });

  it('When braces are not a placeholder, then they are left alone', () => {
    expect(interpolate('{ {x} } {{ 1x }} {{}}', {})).toBe('{ {x} } {{ 1x }} {{}}');
  });
});
