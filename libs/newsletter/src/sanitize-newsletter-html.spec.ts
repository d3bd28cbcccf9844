import { sanitizeNewsletterHtml } from './sanitize-newsletter-html';

/** The attributes of every `tag` element, in order of appearance: attribute order is not part of the contract. */
function attributesOf(html: string, tag: string): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]])),
  );
}

describe('sanitizeNewsletterHtml', () => {
  it('drops scripts with their content', () => {
    const html = sanitizeNewsletterHtml('<p>before</p><script>alert("x")</script><SCRIPT src="https://evil.example/x.js"></SCRIPT><p>after</p>');
    expect(html).toBe('<p>before</p><p>after</p>');
  });

  it('drops every event handler attribute', () => {
    const html = sanitizeNewsletterHtml(
      '<p onclick="steal()">a</p><img src="https://cdn.example/a.png" onerror="steal()" alt="A"><a href="https://ok.example" onMouseOver="steal()">l</a><table onload=steal()><tr><td>c</td></tr></table>',
    );
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toContain('steal');
    expect(attributesOf(html, 'img')).toEqual([{ src: 'https://cdn.example/a.png', alt: 'A' }]);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['upper-case JAVASCRIPT:', 'JAVASCRIPT:alert(1)'],
    ['mixed-case JaVaScRiPt:', 'JaVaScRiPt:alert(1)'],
    ['javascript: after whitespace', '   javascript:alert(1)'],
    ['javascript: split by a tab entity', 'jav&#x09;ascript:alert(1)'],
    ['javascript: split by a newline entity', 'java&#10;script:alert(1)'],
    ['javascript: split by a raw newline', 'java\nscript:alert(1)'],
    ['javascript: with an encoded first letter', '&#106;avascript:alert(1)'],
    ['javascript: with an encoded colon', 'javascript&colon;alert(1)'],
    ['javascript: after a control character', '&#x01;javascript:alert(1)'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a data: URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['protocol-relative', '//evil.example/login'],
    ['relative', '/login'],
  ])('drops a link target written %s but keeps the text', (_case, href) => {
    const html = sanitizeNewsletterHtml(`<a href="${href}">read more</a>`);
    expect(html).toBe('<a>read more</a>');
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:image/png;base64,iVBORw0KGgo='],
    ['plain http', 'http://cdn.example/a.png'],
    ['relative', 'a.png'],
  ])('drops an image with a %s source', (_case, src) => {
    expect(sanitizeNewsletterHtml(`<p>x<img src="${src}" alt="a"></p>`)).toBe('<p>x</p>');
  });

  it('drops forms with their fields and labels', () => {
    const html = sanitizeNewsletterHtml(
      '<form action="https://evil.example/collect" method="post"><label>Password</label><input type="password" name="p"><button>Log in</button></form><p>kept</p><input name="stray"><textarea>t</textarea>',
    );
    expect(html).toBe('<p>kept</p>');
  });

  it('drops frames, objects and embeds', () => {
    const html = sanitizeNewsletterHtml(
      '<iframe src="https://evil.example"></iframe><object data="https://evil.example/x.swf"><p>fallback</p></object><embed src="https://evil.example/x.swf"><p>kept</p>',
    );
    expect(html).toBe('<p>kept</p>');
  });

  it('drops style blocks (expression()) and style, class and id attributes', () => {
    const html = sanitizeNewsletterHtml(
      '<style>p { width: expression(alert(1)); }</style><p style="position:fixed;top:0;background:url(javascript:alert(1))" class="nl-preheader" id="x">text</p>',
    );
    expect(html).toBe('<p>text</p>');
  });

  it('drops SVG and MathML with their scripts', () => {
    const html = sanitizeNewsletterHtml(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><text>click</text></a></svg><math><mtext><script>alert(4)</script></mtext></math><p>kept</p>',
    );
    expect(html).toBe('<p>kept</p>');
  });

  it('drops comments, so no Outlook conditional comment can smuggle markup past the check', () => {
    expect(sanitizeNewsletterHtml('<!--[if mso]><a href="https://x.example">hidden</a><![endif]--><p>kept</p>')).toBe('<p>kept</p>');
  });

  it('keeps links, opening them in a new tab without handing over the opener', () => {
    const html = sanitizeNewsletterHtml(
      '<p><a href="https://klimat.example/a?b=1&amp;c=2" title="Read">https</a> <a href="mailto:post@klimat.example">mail</a> <a href="tel:+4612345678">tel</a></p>',
    );
    const opens = { target: '_blank', rel: 'noopener noreferrer' };
    expect(attributesOf(html, 'a')).toEqual([
      { href: 'https://klimat.example/a?b=1&amp;c=2', title: 'Read', ...opens },
      { href: 'mailto:post@klimat.example', ...opens },
      { href: 'tel:+4612345678', ...opens },
    ]);
  });

  it('keeps the unsubscribe and preferences placeholders as link targets', () => {
    const html = sanitizeNewsletterHtml('<a href="%%UNSUBSCRIBE_URL%%">leave</a> <a href="%%PREFERENCES_URL%%">settings</a>');
    expect(html).toContain('href="%%UNSUBSCRIBE_URL%%"');
    expect(html).toContain('href="%%PREFERENCES_URL%%"');
  });

  it('keeps https images with their text alternative and size', () => {
    const html = sanitizeNewsletterHtml('<img src="https://cdn.example/p.jpg" alt="Solar panels" width="560" height="300">');
    expect(attributesOf(html, 'img')).toEqual([{ src: 'https://cdn.example/p.jpg', alt: 'Solar panels', width: '560', height: '300' }]);
  });

  it('keeps headings, emphasis, lists, blockquotes and tables with their alignment', () => {
    const input =
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <code>c</code></p><ol start="3"><li>one</li></ol><ul><li>two</li></ul>' +
      '<blockquote><p>quote</p></blockquote><table><thead><tr><th align="center" colspan="2">h</th></tr></thead><tbody><tr><td align="right">1</td><td>2</td></tr></tbody></table>';
    expect(sanitizeNewsletterHtml(input)).toBe(input);
  });
});
