// The outbound policy on its own: URL checks over schemes and IP-literal encodings, host
// patterns, CIDR precedence, and the lookup seam with an injected resolver.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';

import { RepoError } from '../../engine/index.js';
import {
  type BlockCategory,
  DEFAULT_OUTBOUND_POLICY,
  type OutboundPolicy,
  type OutboundPolicyConfig,
  OutboundBlockedError,
  OutboundConfigError,
  createOutboundPolicy,
  outboundRepoOptions,
} from './index.js';

const CLUSTER: OutboundPolicyConfig = {
  ...DEFAULT_OUTBOUND_POLICY,
  blockCidrs: ['10.0.0.0/16', '10.1.0.0/16', 'fd10::/64'],
};

function policyOf(overrides: Partial<OutboundPolicyConfig> = {}): OutboundPolicy {
  return createOutboundPolicy({ ...CLUSTER, ...overrides });
}

/** The category checkUrl refuses `url` for, or 'allowed'. */
function verdict(policy: OutboundPolicy, url: string): BlockCategory | 'allowed' {
  try {
    policy.checkUrl(new URL(url));
    return 'allowed';
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error.category;
    throw error;
  }
}

function blockedError(run: () => unknown): OutboundBlockedError {
  try {
    run();
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error;
    throw error;
  }
  throw new Error('expected an OutboundBlockedError');
}

describe('checkUrl with the default policy', () => {
  const policy = policyOf();
  it.each([
    // schemes
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.com/charts/', 'scheme'],
    ['gopher://example.com:70/_GET', 'scheme'],
    ['data:text/plain,hello', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['ws://example.com/', 'scheme'],
    ['dict://127.0.0.1:11211/', 'scheme'],
    ['HTTPS://EXAMPLE.COM/charts', 'allowed'],
    ['oci://registry.example.com/charts/nginx', 'allowed'],
    ['https://charts.bitnami.com/bitnami', 'allowed'],
    ['http://8.8.8.8/', 'allowed'],
    ['http://[2606:4700:4700::1111]/', 'allowed'],
    // loopback in every encoding WHATWG URL normalizes
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.0.0.1:8080/index.yaml', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'],
    ['http://127.255.255.254/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:0:7f00:1]/', 'loopback'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    ['oci://0x7f.1/charts/x', 'loopback'],
    ['oci://127.0.0.1:5000/charts/x', 'loopback'],
    ['oci://[::1]:5000/charts/x', 'loopback'],
    // unspecified, broadcast, multicast
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://0.1.2.3/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://[::ffff:0.0.0.0]/', 'unspecified'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    // metadata and link-local
    ['http://169.254.169.254/latest/meta-data', 'metadata'],
    ['http://0xa9fea9fe/', 'metadata'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'metadata'],
    ['http://169.254.1.1/', 'linkLocal'],
    ['http://[fe80::1]/', 'linkLocal'],
    // cluster and private ranges
    ['http://10.0.0.5/', 'cluster'],
    ['http://10.1.200.7:8080/', 'cluster'],
    ['http://[fd10::5]/', 'cluster'],
    ['http://[::ffff:10.0.0.5]/', 'cluster'],
    ['http://10.200.0.1/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.10/', 'private'],
    ['http://100.64.0.1/', 'private'],
    ['http://[fd12:3456::1]/', 'private'],
    ['http://172.32.0.1/', 'allowed'],
    // reserved
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.1/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
    ['http://[::7f00:1]/', 'reserved'],
    // names
    ['http://localhost/', 'internalName'],
    ['http://LOCALHOST./', 'internalName'],
    ['http://foo.localhost/', 'internalName'],
    ['http://harbor/', 'internalName'],
    ['http://kubernetes.default.svc/', 'internalName'],
    ['http://harbor.harbor.svc.cluster.local:8080/', 'internalName'],
    ['oci://harbor.harbor.svc.cluster.local/charts/x', 'internalName'],
    ['http://127.0.0.1.nip.io/', 'allowed'],
    ['oci://1.2.3.4.5/charts/x', 'invalidHost'],
  ] as const)('%s -> %s', (url, expected) => {
    expect(verdict(policy, url)).toBe(expected);
  });

  it('leaves the decision about an ordinary host name to the lookup', () => {
    expect(verdict(policy, 'https://user:pass@charts.example.com/x?token=1')).toBe('allowed');
  });
});

describe('settings that re-allow', () => {
  it('allowCidrs re-allows a range only when at least as specific as the blocked one', () => {
    const policy = policyOf({ allowCidrs: ['127.0.0.1/32', '10.0.0.0/8', '10.1.2.0/24', '192.168.0.0/16'] });
    expect(verdict(policy, 'http://127.0.0.1/')).toBe('allowed');
    expect(verdict(policy, 'http://[::ffff:127.0.0.1]/')).toBe('allowed');
    expect(verdict(policy, 'http://127.0.0.2/')).toBe('loopback');
    expect(verdict(policy, 'http://10.200.0.1/')).toBe('allowed');
    // 10.0.0.0/8 is broader than the cluster's 10.0.0.0/16: the cluster stays blocked.
    expect(verdict(policy, 'http://10.0.0.5/')).toBe('cluster');
    expect(verdict(policy, 'http://10.1.2.3/')).toBe('allowed');
    expect(verdict(policy, 'http://10.1.3.3/')).toBe('cluster');
    expect(verdict(policy, 'http://192.168.9.9/')).toBe('allowed');
  });

  it('a broad allowCidrs does not open loopback, metadata or the never-allowed ranges', () => {
    const policy = policyOf({ allowCidrs: ['0.0.0.0/0', '::/0'] });
    expect(verdict(policy, 'http://10.200.0.1/')).toBe('private');
    expect(verdict(policy, 'http://127.0.0.1/')).toBe('loopback');
    expect(verdict(policy, 'http://169.254.169.254/')).toBe('metadata');
    expect(verdict(policy, 'http://0.0.0.0/')).toBe('unspecified');
    expect(verdict(policy, 'http://[::1]/')).toBe('loopback');
  });

  it('metadata endpoints need an exact /32 or /128', () => {
    expect(verdict(policyOf({ allowCidrs: ['169.254.0.0/16'] }), 'http://169.254.169.254/')).toBe('metadata');
    expect(verdict(policyOf({ allowCidrs: ['169.254.0.0/16'] }), 'http://169.254.1.1/')).toBe('allowed');
    expect(verdict(policyOf({ allowCidrs: ['169.254.169.254/32'] }), 'http://169.254.169.254/')).toBe(
      'allowed',
    );
    expect(verdict(policyOf({ allowCidrs: ['169.254.169.254'] }), 'http://169.254.169.254/')).toBe('allowed');
    expect(verdict(policyOf({ allowCidrs: ['fd00:ec2::254/128'] }), 'http://[fd00:ec2::254]/')).toBe(
      'allowed',
    );
    expect(verdict(policyOf({ allowCidrs: ['fd00:ec2::/64'] }), 'http://[fd00:ec2::254]/')).toBe('metadata');
    expect(verdict(policyOf({ allowHosts: ['*.example.com'] }), 'http://169.254.169.254/')).toBe('metadata');
  });

  it('unspecified, broadcast and multicast addresses are never allowed', () => {
    const policy = policyOf({ allowCidrs: ['0.0.0.0/32', '255.255.255.255/32', '224.0.0.1/32', '::/128'] });
    expect(verdict(policy, 'http://0.0.0.0/')).toBe('unspecified');
    expect(verdict(policy, 'http://255.255.255.255/')).toBe('broadcast');
    expect(verdict(policy, 'http://224.0.0.1/')).toBe('multicast');
    expect(verdict(policy, 'http://[::]/')).toBe('unspecified');
  });

  it('allowPrivateNetworks opens RFC 1918, CGNAT and ULA but not the cluster ranges', () => {
    const policy = policyOf({ allowPrivateNetworks: true });
    expect(verdict(policy, 'http://192.168.1.10/')).toBe('allowed');
    expect(verdict(policy, 'http://10.200.0.1/')).toBe('allowed');
    expect(verdict(policy, 'http://100.64.0.1/')).toBe('allowed');
    expect(verdict(policy, 'http://[fd12::1]/')).toBe('allowed');
    expect(verdict(policy, 'http://10.0.0.5/')).toBe('cluster');
    expect(verdict(policy, 'http://[fd10::1]/')).toBe('cluster');
    expect(verdict(policy, 'http://127.0.0.1/')).toBe('loopback');
    expect(verdict(policy, 'http://100.100.100.200/')).toBe('metadata');
  });

  it('the default policy blocks the common installers’ cluster ranges', () => {
    const policy = createOutboundPolicy({ ...DEFAULT_OUTBOUND_POLICY, allowPrivateNetworks: true });
    expect(verdict(policy, 'http://10.233.0.1/')).toBe('cluster');
    expect(verdict(policy, 'http://10.96.0.1/')).toBe('cluster');
    expect(verdict(policy, 'http://10.20.0.1/')).toBe('allowed');
  });

  it.each([
    [['harbor.corp.example'], 'http://harbor.corp.example/', 'allowed'],
    [['harbor'], 'http://harbor/', 'allowed'],
    [['HARBOR.Corp.Example.'], 'http://harbor.corp.example./', 'allowed'],
    [['*.svc.cluster.local'], 'http://harbor.harbor.svc.cluster.local/', 'allowed'],
    [['*.svc.cluster.local'], 'http://a.b.c.svc.cluster.local/', 'allowed'],
    [['*.svc.cluster.local'], 'http://svc.cluster.local/', 'internalName'],
    [['*.cluster.local'], 'http://evilcluster.local/', 'allowed'],
    [['harbor.harbor.svc'], 'http://harbor.harbor.svc/', 'allowed'],
    [['harbor.harbor.svc'], 'http://x.harbor.harbor.svc/', 'internalName'],
    [['*.harbor.svc'], 'http://harbor.svc/', 'internalName'],
    [['localhost'], 'http://localhost/', 'allowed'],
    [['bücher.example'], 'http://xn--bcher-kva.example.svc/', 'internalName'],
    [['*.bücher.svc'], 'http://a.xn--bcher-kva.svc/', 'allowed'],
  ] as const)('allowHosts %j: %s -> %s', (allowHosts, url, expected) => {
    expect(verdict(policyOf({ allowHosts }), url)).toBe(expected);
  });

  it('allowHosts does not allow IP literals', () => {
    expect(verdict(policyOf({ allowHosts: ['*.example.com'] }), 'http://10.200.0.1/')).toBe('private');
  });
});

describe('configuration', () => {
  it.each([
    [{ allowCidrs: ['10.0.0.0/33'] }, /outbound\.allowCidrs entry "10\.0\.0\.0\/33" is not a CIDR/],
    [{ allowCidrs: ['0x7f.1/32'] }, /not a CIDR/],
    [{ allowCidrs: ['example.com'] }, /not a CIDR/],
    [{ blockCidrs: ['10.0.0/16'] }, /outbound\.blockCidrs entry/],
    [
      { allowHosts: ['10.0.0.5'] },
      /is an IP address; list it in outbound\.allowCidrs instead \(e\.g\. 10\.0\.0\.5\/32\)/,
    ],
    [{ allowHosts: ['[::1]'] }, /is an IP address/],
    [{ allowHosts: ['*'] }, /is not a host name/],
    [{ allowHosts: ['a.*.example.com'] }, /is not a host name/],
    [{ allowHosts: ['http://harbor.example.com'] }, /is not a host name/],
    [{ allowHosts: [''] }, /is not a host name/],
  ] as const)('%j is refused', (overrides, message) => {
    expect(() => policyOf(overrides)).toThrow(OutboundConfigError);
    expect(() => policyOf(overrides)).toThrow(message);
  });

  it('normalizes CIDRs: host bits, IPv4-mapped ranges, single addresses', () => {
    const policy = policyOf({
      allowCidrs: ['10.1.2.3/24', '::ffff:192.168.0.0/112', '8.8.8.8', 'FD12::1/64'],
      allowHosts: ['Harbor.Example.COM', '*.corp.example'],
    });
    expect(policy.describe()).toMatchObject({
      allowCidrs: ['10.1.2.0/24', '192.168.0.0/16', '8.8.8.8/32', 'fd12::/64'],
      allowHosts: ['harbor.example.com', '*.corp.example'],
      blockCidrs: ['10.0.0.0/16', '10.1.0.0/16', 'fd10::/64'],
      allowPrivateNetworks: false,
      schemes: ['http', 'https', 'oci'],
      metadataEndpoints: ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'],
      neverAllowed: ['unspecified', 'broadcast', 'multicast'],
    });
    expect(policy.describe().blockedRanges.loopback).toEqual(['127.0.0.0/8', '::1/128']);
    expect(JSON.parse(JSON.stringify(policy.describe()))).toEqual(policy.describe());
  });

  it('DEFAULT_OUTBOUND_POLICY is frozen and blocks private networks', () => {
    expect(Object.isFrozen(DEFAULT_OUTBOUND_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OUTBOUND_POLICY.blockCidrs)).toBe(true);
    expect(DEFAULT_OUTBOUND_POLICY.allowPrivateNetworks).toBe(false);
    expect(DEFAULT_OUTBOUND_POLICY.allowCidrs).toEqual([]);
    expect(DEFAULT_OUTBOUND_POLICY.allowHosts).toEqual([]);
  });
});

describe('error messages', () => {
  it('name the host, the reason and the setting, without credentials or query values', () => {
    const error = blockedError(() => {
      policyOf().checkUrl(new URL('http://robot:s3cr3t@10.0.0.5:8080/charts/index.yaml?token=t0k3n#frag'));
    });
    expect(error).toBeInstanceOf(RepoError);
    expect(error.name).toBe('OutboundBlockedError');
    expect(error.message).toBe(
      'Refused http://10.0.0.5:8080/charts/index.yaml?token=***: repository host "10.0.0.5" is inside the ' +
        "cluster's service or pod range 10.0.0.0/16; an administrator can allow it with outbound.allowCidrs " +
        "(e.g. 10.0.0.5/32) in the extension's values, or correct outbound.blockCidrs if 10.0.0.0/16 is not the cluster's.",
    );
    expect(error).toMatchObject({
      host: '10.0.0.5',
      address: '10.0.0.5',
      range: '10.0.0.0/16',
      category: 'cluster',
    });
    expect(error.message).not.toMatch(/robot|s3cr3t|t0k3n|frag/);
  });

  it.each([
    [
      'http://[::ffff:7f00:1]/',
      'Refused http://[::ffff:7f00:1]/: repository host "[::ffff:7f00:1]" is 127.0.0.1 (as ::ffff:7f00:1), a loopback address (127.0.0.0/8); an administrator can allow it with outbound.allowCidrs in the extension\'s values (e.g. 127.0.0.1/32).',
    ],
    [
      'http://169.254.169.254/latest/meta-data',
      'Refused http://169.254.169.254/latest/meta-data: repository host "169.254.169.254" is a cloud metadata endpoint; it stays blocked unless outbound.allowCidrs in the extension\'s values lists exactly 169.254.169.254/32.',
    ],
    [
      'http://192.168.1.10/',
      'Refused http://192.168.1.10/: repository host "192.168.1.10" is a private network address (192.168.0.0/16); an administrator can allow it with outbound.allowCidrs (e.g. 192.168.1.10/32) or outbound.allowPrivateNetworks in the extension\'s values.',
    ],
    [
      'http://0.0.0.0/',
      'Refused http://0.0.0.0/: repository host "0.0.0.0" is an unspecified address (0.0.0.0/8); no setting allows such addresses.',
    ],
    [
      'file:///etc/passwd',
      'Refused a "file:" URL: only http://, https:// and oci:// repository URLs are allowed.',
    ],
    [
      'http://u:p@kubernetes.default.svc/?a=b',
      'Refused http://kubernetes.default.svc/?a=***: repository host "kubernetes.default.svc" is a local or cluster-internal name; an administrator can allow it with outbound.allowHosts ("kubernetes.default.svc") in the extension\'s values.',
    ],
  ])('%s', (url, message) => {
    expect(
      blockedError(() => {
        policyOf().checkUrl(new URL(url));
      }).message,
    ).toBe(message);
  });
});

/** A resolver answering from a table, recording the options it was given. */
function fakeResolver(table: Record<string, string[]>) {
  const calls: { hostname: string; options: LookupOptions }[] = [];
  const resolve = (hostname: string, options: LookupOptions): Promise<LookupAddress[]> => {
    calls.push({ hostname, options });
    const addresses = table[hostname.toLowerCase().replace(/\.$/, '')];
    if (addresses === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      return Promise.reject(error);
    }
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return { resolve, calls };
}

interface LookupResult {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family: number | undefined;
}

function lookupWith(policy: OutboundPolicy, hostname: string, options: LookupOptions): Promise<LookupResult> {
  return new Promise((resolve) => {
    policy.lookup(hostname, options, (error, address, family) => {
      resolve({ error, address, family });
    });
  });
}

describe('lookup', () => {
  const table = {
    'public.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'loopback.example': ['127.0.0.1'],
    'v6loopback.example': ['::1'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:169.254.169.254'],
    'mixed.example': ['93.184.215.14', '10.0.0.7'],
    'mixed-private.example': ['93.184.215.14', '192.168.1.1'],
    'harbor.corp.example': ['192.168.10.5'],
    'incluster.corp.example': ['10.1.0.9'],
    'empty.example': [],
  };

  it('returns all addresses when asked for all, and passes the options on', async () => {
    const { resolve, calls } = fakeResolver(table);
    const policy = createOutboundPolicy(CLUSTER, { resolve });
    const result = await lookupWith(policy, 'public.example', { all: true, family: 0 });
    expect(result.error).toBeNull();
    expect(result.address).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
    expect(calls).toEqual([{ hostname: 'public.example', options: { all: true, family: 0 } }]);
  });

  it('returns the first address and its family when asked for one', async () => {
    const policy = createOutboundPolicy(CLUSTER, fakeResolver(table));
    const result = await lookupWith(policy, 'public.example', { family: 0 });
    expect(result).toEqual({ error: null, address: '93.184.215.14', family: 4 });
  });

  it.each([
    ['loopback.example', 'loopback', '127.0.0.1'],
    ['v6loopback.example', 'loopback', '::1'],
    ['metadata.example', 'metadata', '169.254.169.254'],
    ['mapped.example', 'metadata', '169.254.169.254'],
    ['mixed.example', 'cluster', '10.0.0.7'],
    ['mixed-private.example', 'private', '192.168.1.1'],
  ] as const)(
    'refuses %s (%s) whether one or all addresses are asked for',
    async (host, category, address) => {
      const policy = createOutboundPolicy(CLUSTER, fakeResolver(table));
      for (const options of [{ all: true }, {}] as LookupOptions[]) {
        const { error } = await lookupWith(policy, host, options);
        expect(error).toBeInstanceOf(OutboundBlockedError);
        expect(error).toMatchObject({ host, category, address });
      }
    },
  );

  it('says what the name resolved to and how to allow it', async () => {
    const policy = createOutboundPolicy(CLUSTER, fakeResolver(table));
    expect((await lookupWith(policy, 'mixed.example', {})).error?.message).toBe(
      'Refused repository host "mixed.example": it resolves to 10.0.0.7, inside the cluster\'s service or pod ' +
        'range 10.0.0.0/16; an administrator can allow it with outbound.allowHosts ("mixed.example"), ' +
        "outbound.allowCidrs (e.g. 10.0.0.7/32) in the extension's values, or correct outbound.blockCidrs if 10.0.0.0/16 is not the cluster's.",
    );
    expect((await lookupWith(policy, 'mapped.example', {})).error?.message).toBe(
      'Refused repository host "mapped.example": it resolves to 169.254.169.254 (as ::ffff:a9fe:a9fe), a cloud ' +
        "metadata endpoint; it stays blocked unless outbound.allowCidrs in the extension's values lists exactly 169.254.169.254/32.",
    );
  });

  it('allowHosts lets a name reach private and cluster addresses, not loopback or metadata', async () => {
    const resolver = fakeResolver(table);
    const policy = createOutboundPolicy(
      { ...CLUSTER, allowHosts: ['*.corp.example', 'loopback.example', 'metadata.example'] },
      resolver,
    );
    expect((await lookupWith(policy, 'harbor.corp.example', {})).error).toBeNull();
    expect((await lookupWith(policy, 'Incluster.Corp.Example.', {})).error).toBeNull();
    expect((await lookupWith(policy, 'loopback.example', {})).error).toMatchObject({ category: 'loopback' });
    expect((await lookupWith(policy, 'metadata.example', {})).error).toMatchObject({ category: 'metadata' });
    expect((await lookupWith(policy, 'mixed-private.example', {})).error).toMatchObject({
      category: 'private',
    });
  });

  it('allowCidrs and allowPrivateNetworks apply to resolved addresses', async () => {
    const resolver = fakeResolver(table);
    const policy = createOutboundPolicy(
      { ...CLUSTER, allowCidrs: ['127.0.0.1/32'], allowPrivateNetworks: true },
      resolver,
    );
    expect((await lookupWith(policy, 'loopback.example', {})).error).toBeNull();
    expect((await lookupWith(policy, 'mixed-private.example', { all: true })).error).toBeNull();
    expect((await lookupWith(policy, 'mixed.example', {})).error).toMatchObject({ category: 'cluster' });
    expect((await lookupWith(policy, 'v6loopback.example', {})).error).toMatchObject({
      category: 'loopback',
    });
  });

  it('refuses internal names before resolving them', async () => {
    const resolver = fakeResolver({ localhost: ['127.0.0.1'], 'kubernetes.default.svc': ['8.8.8.8'] });
    const policy = createOutboundPolicy(CLUSTER, resolver);
    expect((await lookupWith(policy, 'localhost', {})).error).toMatchObject({ category: 'internalName' });
    expect((await lookupWith(policy, 'kubernetes.default.svc', {})).error).toMatchObject({
      category: 'internalName',
    });
    expect(resolver.calls).toEqual([]);
  });

  it('passes DNS errors on unchanged and reports an empty answer as not found', async () => {
    const policy = createOutboundPolicy(CLUSTER, fakeResolver(table));
    const missing = await lookupWith(policy, 'missing.example', {});
    expect(missing.error).not.toBeInstanceOf(OutboundBlockedError);
    expect(missing.error?.code).toBe('ENOTFOUND');
    expect((await lookupWith(policy, 'empty.example', { all: true })).error?.code).toBe('ENOTFOUND');
  });

  it('judges an IP literal given to it like checkUrl does', async () => {
    const policy = createOutboundPolicy(CLUSTER, fakeResolver({ '127.0.0.1': ['127.0.0.1'] }));
    expect((await lookupWith(policy, '127.0.0.1', {})).error).toMatchObject({ category: 'loopback' });
  });

  it('uses the real dns.lookup by default', async () => {
    const policy = createOutboundPolicy({ ...CLUSTER, allowHosts: ['localhost'] });
    const { error } = await lookupWith(policy, 'localhost', { all: true });
    expect(error).toMatchObject({ name: 'OutboundBlockedError', category: 'loopback' });
  });
});

describe('checkAddresses', () => {
  it('refuses when any address is refused', () => {
    const policy = policyOf();
    expect(() => {
      policy.checkAddresses('a.example', ['8.8.8.8', '1.1.1.1']);
    }).not.toThrow();
    expect(
      blockedError(() => {
        policy.checkAddresses('a.example', ['8.8.8.8', 'fe80::1%eth0']);
      }),
    ).toMatchObject({
      category: 'linkLocal',
    });
    expect(
      blockedError(() => {
        policy.checkAddresses('a.example', ['not-an-ip']);
      }),
    ).toMatchObject({
      category: 'invalidHost',
    });
  });
});

describe('outboundRepoOptions', () => {
  it('hands the policy functions to the repository client', () => {
    const policy = policyOf();
    expect(outboundRepoOptions(policy)).toEqual({ lookup: policy.lookup, checkUrl: policy.checkUrl });
  });
});
