import { describe, expect, it } from 'vitest';

import { proxyFromEnvironment } from './proxy.js';

const PROXY = 'http://proxy.corp:3128';

function via(env: NodeJS.ProcessEnv, url: string): string {
  const choice = proxyFromEnvironment(env)(new URL(url));
  if (choice.kind === 'proxy') return choice.proxy.display;
  return choice.kind === 'invalid' ? `invalid: ${choice.problem}` : 'direct';
}

describe('proxyFromEnvironment (the rules of Go httpproxy)', () => {
  it('https URLs use HTTPS_PROXY, http URLs HTTP_PROXY; upper case wins over lower case', () => {
    const env = { HTTPS_PROXY: PROXY, http_proxy: 'http://other:8080' };
    expect(via(env, 'https://charts.example.com/index.yaml')).toBe(PROXY);
    expect(via(env, 'http://charts.example.com/index.yaml')).toBe('http://other:8080');
    expect(via({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://a.example')).toBe(
      'http://upper:2',
    );
    expect(via({ HTTP_PROXY: PROXY }, 'https://a.example')).toBe('direct');
    expect(via({ ALL_PROXY: PROXY, npm_config_https_proxy: PROXY }, 'https://a.example')).toBe('direct');
    expect(via({}, 'https://a.example')).toBe('direct');
  });

  it('a value without a scheme is http; other schemes are a configuration error', () => {
    expect(via({ HTTPS_PROXY: 'proxy.corp:3128' }, 'https://a.example')).toBe(PROXY);
    expect(via({ HTTPS_PROXY: 'http://u:%E0%A4%A@proxy.corp:3128' }, 'https://a.example')).toBe(
      'invalid: HTTPS_PROXY has a badly encoded user or password',
    );
    expect(via({ HTTPS_PROXY: 'socks5://proxy.corp:1080' }, 'https://a.example')).toMatch(
      /^invalid: HTTPS_PROXY uses socks5:\/\/ proxies/,
    );
  });

  it('takes credentials from the proxy URL as Proxy-Authorization, never in the display', () => {
    const choice = proxyFromEnvironment({ HTTPS_PROXY: 'http://u%40x:p%3Ass@proxy.corp:3128' })(
      new URL('https://a.example'),
    );
    expect(choice).toMatchObject({
      kind: 'proxy',
      proxy: {
        display: PROXY,
        variable: 'HTTPS_PROXY',
        authorization: `Basic ${Buffer.from('u@x:p:ss').toString('base64')}`,
      },
    });
  });

  it('localhost and loopback addresses never use the proxy', () => {
    const env = { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY };
    expect(via(env, 'http://localhost:8080/')).toBe('direct');
    expect(via(env, 'https://127.0.0.1:8443/')).toBe('direct');
    expect(via(env, 'https://127.9.9.9/')).toBe('direct');
    expect(via(env, 'https://[::1]:8443/')).toBe('direct');
  });

  it('NO_PROXY: names with their subdomains, leading dot and *. for subdomains only, ports, IPs, CIDRs, *', () => {
    const env = {
      HTTPS_PROXY: PROXY,
      NO_PROXY:
        ' example.com, .svc ,*.cluster.local, internal.corp:8443, 10.0.0.0/8, 192.168.1.7, [fd00::1]:443',
    };
    expect(via(env, 'https://example.com/')).toBe('direct');
    expect(via(env, 'https://charts.example.com/')).toBe('direct');
    expect(via(env, 'https://notexample.com/')).toBe(PROXY);
    expect(via(env, 'https://ks-apiserver.kubesphere-system.svc/')).toBe('direct');
    expect(via(env, 'https://svc/')).toBe(PROXY);
    expect(via(env, 'https://a.b.cluster.local/')).toBe('direct');
    expect(via(env, 'https://cluster.local/')).toBe(PROXY);
    expect(via(env, 'https://internal.corp:8443/')).toBe('direct');
    expect(via(env, 'https://internal.corp/')).toBe(PROXY);
    expect(via(env, 'https://10.233.0.1/')).toBe('direct');
    expect(via(env, 'https://11.0.0.1/')).toBe(PROXY);
    expect(via(env, 'https://192.168.1.7:9000/')).toBe('direct');
    expect(via(env, 'https://192.168.1.8/')).toBe(PROXY);
    expect(via(env, 'https://[fd00::1]/')).toBe('direct');
    expect(via(env, 'https://[fd00::1]:8443/')).toBe(PROXY);
    expect(via({ HTTPS_PROXY: PROXY, no_proxy: 'EXAMPLE.com' }, 'https://Charts.Example.COM/')).toBe(
      'direct',
    );
    expect(via({ HTTPS_PROXY: PROXY, NO_PROXY: '*' }, 'https://anything.example/')).toBe('direct');
  });
});
