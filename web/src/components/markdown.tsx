/**
 * Markdown as bulletins and statements are written, rendered without raw HTML: markdown-it with
 * `html: false` escapes any tag, and its link check refuses javascript:, vbscript:, file: and
 * data: links (the link stays as text). Links open in a new tab without the opener.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
const SAFE_LINK = /^(https?:|mailto:|#|\/)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i].attrSet('target', '_blank');
  tokens[i].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, i, options, env, self);
};

/** The rendered HTML of Markdown text (everything the writer typed as HTML comes out escaped). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

export function Markdown({ text, testId }: { text: string; testId?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html:false escapes every tag and refuses unsafe links
  return <div className="markdown" data-testid={testId} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
