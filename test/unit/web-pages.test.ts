import { describe, expect, it } from 'vitest';
import { webPageFor } from '../../src/http/web-pages';
import { linkingManifest } from '../../web/build/web-manifest';

describe('which built page answers a path', () => {
  it('answers the checkpoint with its own page, the other public pages with the light one, the rest with the app', () => {
    expect(webPageFor('/checkpoint')).toBe('checkpoint.html');
    expect(webPageFor('/checkpoint/')).toBe('checkpoint.html');
    expect(['/report', '/report/abc', '/receipt/R-1', '/join'].map(webPageFor)).toEqual(Array(4).fill('public-pages.html'));
    expect(['/', '/tasks', '/checkpoints', '/checkpoint/x/y', '/board/1'].map(webPageFor)).toEqual(Array(5).fill('index.html'));
  });
});

describe("a page's manifest link", () => {
  it('points at the part’s manifest, in place of the app’s or added when there is none', () => {
    const built = '<head><title>t</title><link rel="manifest" href="/manifest.webmanifest"></head>';
    expect(linkingManifest(built, '/checkpoint.webmanifest')).toBe(
      '<head><title>t</title><link rel="manifest" href="/checkpoint.webmanifest"></head>',
    );
    const bare = '<head><title>t</title></head>';
    expect(linkingManifest(bare, '/checkpoint.webmanifest')).toContain('<link rel="manifest" href="/checkpoint.webmanifest">');
  });
});
