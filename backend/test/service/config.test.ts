import { describe, expect, it } from 'vitest';

import { ConfigError, readConfig, redactConfig } from '../../src/service/config.js';

describe('readConfig', () => {
  it('has defaults for everything', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      listenHost: '0.0.0.0',
      port: 8080,
      kubesphereUrl: 'http://ks-apiserver.kubesphere-system.svc',
      serviceAccountTokenFile: '/var/run/secrets/kubesphere.io/serviceaccount/token',
      stateBackend: 'kubernetes',
      logLevel: 'info',
      maxRunningJobs: 2,
      maxRunningJobsPerUser: 1,
      jobDeadlineMs: 7_200_000,
      maxJobConcurrency: 8,
      repoRequestTimeoutMs: 120_000,
      maxBodyBytes: 1_048_576,
      http: {
        headersTimeoutMs: 15_000,
        requestReceiveTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5000,
        maxConnections: 512,
      },
      outbound: { allowHosts: [], allowCidrs: [], blockCidrs: [], allowPrivateNetworks: false },
    });
  });

  it('reads the listen address, the job limits and the HTTP server limits', () => {
    expect(
      readConfig({
        LISTEN_HOST: '127.0.0.1',
        MAX_RUNNING_JOBS_PER_USER: '3',
        JOB_DEADLINE_SECONDS: '600',
        REPO_REQUEST_TIMEOUT_MS: '5000',
        HEADERS_TIMEOUT_MS: '2000',
        REQUEST_RECEIVE_TIMEOUT_MS: '4000',
        KEEP_ALIVE_TIMEOUT_MS: '1000',
        MAX_CONNECTIONS: '10',
      }),
    ).toMatchObject({
      listenHost: '127.0.0.1',
      maxRunningJobsPerUser: 3,
      jobDeadlineMs: 600_000,
      repoRequestTimeoutMs: 5000,
      http: {
        headersTimeoutMs: 2000,
        requestReceiveTimeoutMs: 4000,
        keepAliveTimeoutMs: 1000,
        maxConnections: 10,
      },
    });
    expect(readConfig({ LISTEN_HOST: '::' }).listenHost).toBe('::');
    expect(() => readConfig({ LISTEN_HOST: 'localhost' })).toThrow(/LISTEN_HOST must be an IP address/);
    expect(() => readConfig({ HEADERS_TIMEOUT_MS: '20000', REQUEST_RECEIVE_TIMEOUT_MS: '10000' })).toThrow(
      /HEADERS_TIMEOUT_MS \(20000\) must not be more than REQUEST_RECEIVE_TIMEOUT_MS \(10000\)/,
    );
  });

  it('reads whole numbers in decimal digits only, naming the range', () => {
    for (const value of ['1e1', '0x10', '4.0', '+4', '-1', '1_0', 'Infinity'])
      expect(() => readConfig({ MAX_RUNNING_JOBS: value }), value).toThrow(
        `MAX_RUNNING_JOBS must be a whole number from 1 to 64, not ${JSON.stringify(value)}`,
      );
    expect(readConfig({ MAX_RUNNING_JOBS: ' 10 ' }).maxRunningJobs).toBe(10);
  });

  it('reads every setting', () => {
    const config = readConfig({
      PORT: '9000',
      KS_APISERVER_URL: 'https://ks.example:8443/',
      STATE_BACKEND: 'memory',
      MAX_RUNNING_JOBS: '5',
      OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32, 10.1.0.0/16',
      OUTBOUND_ALLOW_HOSTS: 'harbor.corp.example,*.mirror.example',
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    expect(config).toMatchObject({
      port: 9000,
      kubesphereUrl: 'https://ks.example:8443',
      stateBackend: 'memory',
      maxRunningJobs: 5,
      outbound: {
        allowCidrs: ['127.0.0.1/32', '10.1.0.0/16'],
        allowHosts: ['harbor.corp.example', '*.mirror.example'],
        allowPrivateNetworks: true,
      },
    });
    expect(redactConfig(config)).toMatchObject({ kubesphereUrl: 'https://ks.example:8443' });
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      readConfig({
        PORT: 'eighty',
        KS_APISERVER_URL: 'ftp://ks',
        STATE_BACKEND: 'etcd',
        LOG_LEVEL: 'loud',
        MAX_RUNNING_JOBS: '0',
        MAX_BODY_BYTES: '1.5',
        OUTBOUND_BLOCK_CIDRS: '10.96.0.0/12,not-a-cidr',
        OUTBOUND_ALLOW_HOSTS: 'bad host',
        SHUTDOWN_GRACE_MS: '-1',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    for (const name of [
      'PORT',
      'KS_APISERVER_URL',
      'STATE_BACKEND',
      'LOG_LEVEL',
      'MAX_RUNNING_JOBS',
      'MAX_BODY_BYTES',
      'OUTBOUND_BLOCK_CIDRS',
      'OUTBOUND_ALLOW_HOSTS',
      'SHUTDOWN_GRACE_MS',
    ])
      expect(
        problems.some((problem) => problem.startsWith(name)),
        name,
      ).toBe(true);
    expect(problems).toHaveLength(9);
    expect((error as Error).message).toMatch(/^invalid configuration:\n {2}- /);
  });

  it("reads the store's package limit: 1 MiB by default, 0 for a store with S3", () => {
    expect(readConfig({}).storePackageLimitBytes).toBe(1_048_576);
    expect(readConfig({ STORE_PACKAGE_LIMIT_BYTES: '0' }).storePackageLimitBytes).toBe(0);
    expect(() => readConfig({ STORE_PACKAGE_LIMIT_BYTES: '-1' })).toThrow(
      /STORE_PACKAGE_LIMIT_BYTES must be a whole number from 0 to/,
    );
  });

  it('refuses credentials in the KubeSphere URL', () => {
    expect(() => readConfig({ KS_APISERVER_URL: 'http://user:secret-pw@ks' })).toThrow(
      /must not carry credentials/,
    );
  });
});
