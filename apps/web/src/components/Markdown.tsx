import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

// Links written by users open safely and carry no ranking weight.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('rel', 'nofollow noopener noreferrer ugc');
    node.setAttribute('target', '_blank');
  }
});

/** Markdown → sanitized HTML. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  });
}

/** The only place that renders user-written HTML: marked, then DOMPurify, always. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className={className ? `markdown ${className}` : 'markdown'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A plain-text teaser of some Markdown (for lists): the rendered text, whitespace collapsed, cut at a word. */
export function markdownExcerpt(text: string, maxLength = 180): string {
  const document = new DOMParser().parseFromString(renderMarkdown(text), 'text/html');
  // Lines and blocks end in a space, or their words would run together.
  document.body.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
  document.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th').forEach((block) => block.append(' '));
  const plain = (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength * 0.6)).trimEnd()}…`;
}
