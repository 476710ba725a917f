/**
 * Atom feeds (RFC 4287), built with a maintained XML builder that escapes every text and
 * attribute. Text goes out as `type="text"` (bulletin bodies are Markdown, never HTML), and
 * characters XML 1.0 forbids are dropped so the feed is always well-formed.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published?: string | null;
  author: string;
  link: string;
  content: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  selfLink: string;
  alternateLink: string;
  entries: AtomEntry[];
}

// Everything outside XML 1.0's Char production (C0 controls other than tab, newline and return; lone surrogates; U+FFFE/F).
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const clean = (text: string) => text.replace(NOT_XML, '');
const text = (value: string) => ({ '#text': clean(value), '@_type': 'text' });

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
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': clean(feed.selfLink) },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': clean(feed.alternateLink) },
      ],
      entry: feed.entries.map((e) => ({
        id: clean(e.id),
        title: text(e.title),
        updated: e.updated,
        ...(e.published ? { published: e.published } : {}),
        author: { name: clean(e.author) },
        link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': clean(e.link) },
        ...(e.categories?.length ? { category: e.categories.map((term) => ({ '@_term': clean(term) })) } : {}),
        content: text(e.content),
      })),
    },
  };
  return builder.build(document) as string;
}
