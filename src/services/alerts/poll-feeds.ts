/**
 * Polling Atom feeds of CAP alerts (CORESPOND_CAP_FEEDS): each entry's CAP document (its link of
 * type application/cap+xml, else its alternate link) is fetched once and ingested as the
 * system; ingest de-duplicates by (sender, identifier) across restarts and feeds.
 */
import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../model/errors';
import type { Actor, Deps } from '../context';
import { ingestAlert } from './ingest-alert';
import type { AlertSettings } from './present-alerts';

const FEED_LIMIT = 2 * 1024 * 1024;
export const CAP_DOCUMENT_LIMIT = 512 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;

/** The CAP documents an Atom feed links to, as absolute URLs. */
export function capLinksOf(feedXml: string, feedUrl: string): string[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(feedXml)) throw new Error('the feed has a DOCTYPE; refused');
  const feed = (parser.parse(feedXml) as Node).feed as Node | undefined;
  if (!feed) throw new Error('not an Atom feed');
  const links: string[] = [];
  for (const entry of (feed.entry as Node[] | undefined) ?? []) {
    const entryLinks = (entry.link as Node[] | undefined) ?? [];
    const cap =
      entryLinks.find((l) => l['@_type'] === 'application/cap+xml') ??
      entryLinks.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate');
    const href = cap?.['@_href'];
    if (typeof href === 'string') links.push(new URL(href.replaceAll('&amp;', '&'), feedUrl).toString());
  }
  return links;
}

async function fetchText(url: string, limit: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > limit) throw new Error(`${url} is larger than ${limit} bytes`);
  const body = await response.text();
  if (Buffer.byteLength(body) > limit) throw new Error(`${url} is larger than ${limit} bytes`);
  return body;
}

export interface FeedPollResult {
  ingested: number;
  duplicates: number;
  failures: { url: string; error: string }[];
}

const FEED_ACTOR: Actor = { kind: 'system', label: 'cap-feed' };

/** A poller of feeds that remembers the documents it already fetched (ingest dedupes the rest). */
export function capFeedPoller(deps: Deps, settings: AlertSettings, feeds: readonly string[]) {
  const seen = new Set<string>();
  return async function poll(): Promise<FeedPollResult> {
    const result: FeedPollResult = { ingested: 0, duplicates: 0, failures: [] };
    for (const feed of feeds) {
      let links: string[];
      try {
        links = capLinksOf(await fetchText(feed, FEED_LIMIT), feed);
      } catch (error) {
        result.failures.push({ url: feed, error: (error as Error).message });
        continue;
      }
      for (const link of links) {
        if (seen.has(link)) continue;
        try {
          const { created } = await ingestAlert(deps, settings, FEED_ACTOR, await fetchText(link, CAP_DOCUMENT_LIMIT));
          if (created) result.ingested += 1;
          else result.duplicates += 1;
          seen.add(link);
        } catch (error) {
          // An invalid document stays invalid: remember it so it is not fetched every round.
          if (error instanceof AppError) seen.add(link);
          result.failures.push({
            url: link,
            error: error instanceof AppError ? (error.detail ?? error.code) : (error as Error).message,
          });
        }
      }
    }
    return result;
  };
}
