/**
 * The Atom feed (RFC 4287) of current alerts as the OASIS "CAP Feeds" practice note has it:
 * one entry per alert, linking to its full CAP document (type application/cap+xml).
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Alert } from '../../model/alert';
import { CAP_MEDIA_TYPE } from './cap-xml';

const builder = new XMLBuilder({ format: true, indentBy: '  ', ignoreAttributes: false, attributeNamePrefix: '@_' });

type FeedAlert = Pick<
  Alert,
  'id' | 'identifier' | 'sender' | 'sent' | 'event' | 'headline' | 'description' | 'areaDesc' | 'severity'
>;

/** A feed of alerts; `base` is the public URL of the platform (no trailing slash). */
export function atomFeed(alerts: readonly FeedAlert[], base: string, sender: string, now: Date): string {
  const capUrl = (a: FeedAlert) => `${base}/api/v1/public/alerts/${encodeURIComponent(a.id)}?format=cap`;
  const feed = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      id: `${base}/api/v1/public/alerts?format=atom`,
      title: `CoRespond 协应 — ${sender}`,
      updated: (alerts[0]?.sent ?? now.toISOString()).replace(/\.\d{3}Z$/, 'Z'),
      author: { name: sender },
      link: { '@_rel': 'self', '@_href': `${base}/api/v1/public/alerts?format=atom`, '@_type': 'application/atom+xml' },
      entry: alerts.map((a) => ({
        id: `urn:cap:${a.sender}:${a.identifier}`,
        title: a.headline ?? a.event,
        updated: a.sent.replace(/\.\d{3}Z$/, 'Z'),
        author: { name: a.sender },
        link: [
          { '@_rel': 'alternate', '@_type': CAP_MEDIA_TYPE, '@_href': capUrl(a) },
          { '@_rel': 'related', '@_type': 'text/html', '@_href': `${base}/alerts/${encodeURIComponent(a.id)}` },
        ],
        summary: [a.event, a.severity, a.areaDesc].filter(Boolean).join(' · '),
      })),
    },
  };
  return builder.build(feed) as string;
}
