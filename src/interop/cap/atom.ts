/**
 * The Atom feed (RFC 4287) of current alerts as the OASIS "CAP Feeds" practice note has it:
 * one entry per alert, linking to its full CAP document (type application/cap+xml). Written
 * by the one Atom writer (src/interop/atom.ts).
 */
import type { Alert } from '../../model/alert';
import { atomXml } from '../atom';
import { CAP_MEDIA_TYPE } from './cap-xml';

type FeedAlert = Pick<
  Alert,
  'id' | 'identifier' | 'sender' | 'sent' | 'event' | 'headline' | 'description' | 'areaDesc' | 'severity'
>;

const seconds = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

/** A feed of alerts; `base` is the public URL of the platform (no trailing slash). */
export function atomFeed(alerts: readonly FeedAlert[], base: string, sender: string, now: Date): string {
  const self = `${base}/api/v1/public/alerts?format=atom`;
  return atomXml({
    id: self,
    title: `CoRespond 协应 — ${sender}`,
    updated: seconds(alerts[0]?.sent ?? now.toISOString()),
    author: sender,
    links: [{ rel: 'self', type: 'application/atom+xml', href: self }],
    entries: alerts.map((a) => ({
      id: `urn:cap:${a.sender}:${a.identifier}`,
      title: a.headline ?? a.event,
      updated: seconds(a.sent),
      author: a.sender,
      links: [
        { rel: 'alternate', type: CAP_MEDIA_TYPE, href: `${base}/api/v1/public/alerts/${encodeURIComponent(a.id)}?format=cap` },
        { rel: 'related', type: 'text/html', href: `${base}/alerts/${encodeURIComponent(a.id)}` },
      ],
      summary: [a.event, a.severity, a.areaDesc].filter(Boolean).join(' · '),
    })),
  });
}
