/**
 * Atom feeds (RFC 4287), built with a maintained XML builder that escapes every text and
 * attribute. Text goes out as `type="text"` (bulletin bodies are Markdown, never HTML), and
 * characters XML 1.0 forbids are dropped so the feed is always well-formed.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface AtomLink {
  rel: 'self' | 'alternate' | 'related';
  type: string;
  href: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published?: string | null;
  author: string;
  links: AtomLink[];
  summary?: string;
  content?: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  author?: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

// Everything outside XML 1.0's Char production (C0 controls other than tab, newline and return; lone surrogates; U+FFFE/F).
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
const clean = (value: string) =>
  Array.from(value)
    .filter((ch) => isXmlChar(ch.codePointAt(0) as number))
    .join('');
const text = (value: string) => ({ '#text': clean(value), '@_type': 'text' });
const links = (list: AtomLink[]) => list.map((l) => ({ '@_rel': l.rel, '@_type': clean(l.type), '@_href': clean(l.href) }));

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true });

/** The feed as an XML document. */
export function atomXml(feed: AtomFeed): string {
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      id: clean(feed.id),
      title: text(feed.title),
      updated: feed.updated,
      ...(feed.author ? { author: { name: clean(feed.author) } } : {}),
      link: links(feed.links),
      entry: feed.entries.map((e) => ({
        id: clean(e.id),
        title: text(e.title),
        updated: e.updated,
        ...(e.published ? { published: e.published } : {}),
        author: { name: clean(e.author) },
        link: links(e.links),
        ...(e.categories?.length ? { category: e.categories.map((term) => ({ '@_term': clean(term) })) } : {}),
        ...(e.summary !== undefined ? { summary: text(e.summary) } : {}),
        ...(e.content !== undefined ? { content: text(e.content) } : {}),
      })),
    },
  };
  return builder.build(document) as string;
}
