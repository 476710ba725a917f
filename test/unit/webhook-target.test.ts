/** Server-side request forgery: which addresses a webhook may reach, and names that resolve to refused ones. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/model/errors';
import { checkTarget, refusedRange } from '../../src/services/webhooks/target-address';

describe('the webhook address classifier', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['169.254.169.254', 'link_local'],
    ['fe80::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'ipv4_mapped'],
    ['::ffff:8.8.8.8', 'ipv4_mapped'],
    ['::127.0.0.1', 'ipv4_mapped'],
    ['64:ff9b::a00:1', 'translated'],
    ['2002:7f00:1::', 'translated'],
    ['not-an-address', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '11.0.0.1', '223.5.5.5', '2400:3200::1', '2606:4700::1111'])(
    'allows the public address %s',
    (address) => {
      expect(refusedRange(address)).toBeNull();
    },
  );
});

describe('a webhook target', () => {
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AppError) return { code: error.code, detail: error.detail };
      throw error;
    }
    return null;
  };

  it('refuses a host name that resolves to 127.0.0.1 unless private targets are allowed', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const refused = await refusal(checkTarget('https://hooks.example.org/in', { allowPrivate: false, resolve }));
    expect(refused?.code).toBe('webhook_target_refused');
    expect(refused?.detail).toContain('127.0.0.1');
    expect(refused?.detail).toContain('loopback');
    const allowed = await checkTarget('https://hooks.example.org/in', { allowPrivate: true, resolve });
    expect(allowed).toMatchObject({ address: '127.0.0.1', family: 4 });
    expect(allowed.url.hostname).toBe('hooks.example.org');
  });

  it('refuses localhost through the system resolver', async () => {
    expect((await refusal(checkTarget('http://localhost:9/x', { allowPrivate: false })))?.code).toBe('webhook_target_refused');
  });

  it('refuses a name with one private address among public ones, and pins the first address', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    expect((await refusal(checkTarget('https://a.example.org/', { allowPrivate: false, resolve })))?.detail).toContain(
      '10.0.0.5',
    );
    const ok = await checkTarget('https://a.example.org/', {
      allowPrivate: false,
      resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    });
    expect(ok.address).toBe('93.184.216.34');
  });

  it.each([
    ['ftp://example.org/x', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['https://user:pw@example.org/', 'user name or password'],
    ['not a url', 'is not a URL'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://0x7f000001/', 'loopback'],
  ])('refuses %s', async (url, reason) => {
    const refused = await refusal(checkTarget(url, { allowPrivate: false }));
    expect(refused?.code).toBe('webhook_target_refused');
    expect(refused?.detail).toContain(reason);
  });
});
