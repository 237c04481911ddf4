// The backend chart rendered by the real helm: lint, schemas of every object, and what each object
// must say (security, probes, settings, KubeSphere registration, RBAC, NetworkPolicy, values).
import { describe, expect, it } from 'vitest';

import { readConfig, SETTINGS } from '../../src/service/config.js';
import { openApiDocument } from '../../src/service/validation.js';
import { COMMON_CLUSTER_CIDRS } from '../../src/service/outbound/index.js';
import {
  CHART_DIR,
  chartValues,
  find,
  helm,
  type KObject,
  NAMESPACE,
  expectSchemaValid,
  renderChart,
  schemaProblems,
} from './support.js';

interface Container {
  name: string;
  image: string;
  env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  securityContext: Record<string, unknown>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  ports: { name: string; containerPort: number }[];
}
interface PodSpec {
  containers: Container[];
  securityContext: Record<string, unknown>;
  nodeSelector: Record<string, string>;
  serviceAccountName: string;
  terminationGracePeriodSeconds: number;
}
interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

function podOf(deployment: KObject): { spec: PodSpec; annotations: Record<string, string> } {
  const template = (
    deployment.spec as { template: { metadata: { annotations: Record<string, string> }; spec: PodSpec } }
  ).template;
  return { spec: template.spec, annotations: template.metadata.annotations };
}

/** The container's environment as the pod would see it (downward API filled in). */
function envOf(container: Container): Record<string, string> {
  const fields: Record<string, string> = {
    'metadata.name': 'store-importer-7d9f-abcde',
    'metadata.namespace': NAMESPACE,
  };
  return Object.fromEntries(
    container.env.map((entry) => [
      entry.name,
      entry.value ?? fields[entry.valueFrom?.fieldRef?.fieldPath ?? ''] ?? '',
    ]),
  );
}

describe('the backend chart', () => {
  it('passes helm lint --strict', async () => {
    const { stdout } = await helm(['lint', '--strict', CHART_DIR, '--namespace', NAMESPACE]);
    expect(stdout).toContain('0 chart(s) failed');
  });

  it('renders only objects that are valid against their Kubernetes or ks-core schemas', async () => {
    const objects = await renderChart();
    expect(objects.map((object) => object.kind).sort()).toEqual([
      'APIService',
      'CustomResourceDefinition',
      'CustomResourceDefinition',
      'Deployment',
      'GlobalRole',
      'GlobalRoleBinding',
      'JSBundle',
      'NetworkPolicy',
      'Role',
      'RoleBinding',
      'RoleTemplate',
      'RoleTemplate',
      'Service',
      'ServiceAccount',
      'ServiceAccount',
    ]);
    await expectSchemaValid(objects);
  });

  it('the schema check catches unknown and mistyped fields (so the test above means something)', async () => {
    const deployment = find(await renderChart(), 'Deployment');
    const broken = structuredClone(deployment);
    const pod = podOf(broken).spec;
    (pod.containers[0] as unknown as Record<string, unknown>).livenessProbes = {};
    pod.terminationGracePeriodSeconds = 'soon' as unknown as number;
    const problems = await schemaProblems(broken);
    expect(problems.join('\n')).toMatch(/livenessProbes/);
    expect(problems.join('\n')).toMatch(/terminationGracePeriodSeconds|integer/);
    const entry = structuredClone(find(await renderChart(), 'APIService'));
    (entry.spec as Record<string, unknown>).urll = 'x';
    expect((await schemaProblems(entry)).join('\n')).toMatch(/additional/);
  });

  it('runs the backend non-root, read-only, without capabilities, with probes and resources', async () => {
    const { spec, annotations } = podOf(find(await renderChart(), 'Deployment'));
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.securityContext.runAsUser).not.toBe(0);
    const [container] = spec.containers;
    expect(container?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    for (const amounts of [container?.resources.requests, container?.resources.limits])
      expect(Object.keys(amounts ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(container?.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container?.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container?.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    // KubeSphere's pod webhook mounts the KubeSphere ServiceAccount token named here.
    expect(annotations['kubesphere.io/serviceaccount-name']).toBe('store-importer-sync');
    expect(spec.serviceAccountName).toBe('store-importer');
    // Longer than the service's own shutdown budget.
    expect(spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(25_000);
  });

  it('sets exactly the service settings, and the service accepts them', async () => {
    const container = podOf(find(await renderChart(), 'Deployment')).spec.containers[0] as Container;
    const env = envOf(container);
    const names = Object.keys(env);
    for (const name of names) expect(Object.keys(SETTINGS)).toContain(name);
    // KUBECONFIG: the pod uses its in-cluster config.
    expect(Object.keys(SETTINGS).filter((name) => !names.includes(name))).toEqual(['KUBECONFIG']);
    expect(container.env.find((entry) => entry.name === 'POD_NAME')?.valueFrom).toEqual({
      fieldRef: { fieldPath: 'metadata.name' },
    });
    expect(container.env.find((entry) => entry.name === 'POD_NAMESPACE')?.valueFrom).toEqual({
      fieldRef: { fieldPath: 'metadata.namespace' },
    });
    const config = readConfig(env);
    const values = (await chartValues()) as {
      config: Record<string, unknown>;
      outbound: Record<string, unknown>;
    };
    expect(config).toMatchObject({
      port: 8080,
      podNamespace: NAMESPACE,
      stateBackend: 'kubernetes',
      kubesphereUrl: values.config.kubesphereUrl,
      logLevel: values.config.logLevel,
      maxRunningJobs: values.config.maxRunningJobs,
      maxJobConcurrency: values.config.maxJobConcurrency,
      maxIndexBytes: values.config.maxIndexBytes,
      maxPackageBytes: values.config.maxPackageBytes,
      frontendDistDir: '/app/frontend/dist',
      serviceAccountTokenFile: '/var/run/secrets/kubesphere.io/serviceaccount/token',
      outbound: {
        allowHosts: [],
        allowCidrs: [],
        blockCidrs: [...COMMON_CLUSTER_CIDRS],
        allowPrivateNetworks: false,
      },
    });
  });

  it('passes the values an admin changes through to the service (large numbers, lists, booleans)', async () => {
    const objects = await renderChart({
      config: {
        logLevel: 'debug',
        maxRunningJobs: 5,
        maxJobConcurrency: 16,
        maxIndexBytes: 1073741824,
        maxPackageBytes: 104857600,
      },
      outbound: {
        allowHosts: ['harbor.corp.example', '*.mirror.example'],
        allowCidrs: ['192.168.10.0/24'],
        blockCidrs: ['10.233.0.0/18', 'fd00:10::/108'],
        allowPrivateNetworks: true,
      },
      replicas: 3,
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
    });
    const deployment = find(objects, 'Deployment');
    expect((deployment.spec as { replicas: number }).replicas).toBe(3);
    const container = podOf(deployment).spec.containers[0] as Container;
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '2', memory: '2Gi' },
    });
    expect(readConfig(envOf(container))).toMatchObject({
      logLevel: 'debug',
      maxRunningJobs: 5,
      maxJobConcurrency: 16,
      maxIndexBytes: 1073741824,
      maxPackageBytes: 104857600,
      outbound: {
        allowHosts: ['harbor.corp.example', '*.mirror.example'],
        allowCidrs: ['192.168.10.0/24'],
        blockCidrs: ['10.233.0.0/18', 'fd00:10::/108'],
        allowPrivateNetworks: true,
      },
    });
    await expectSchemaValid(objects);
  });

  it('passes the bundle limits and sizes /tmp to hold the bundles kept and one upload being unpacked', async () => {
    const sizeOf = (objects: KObject[]): string | undefined =>
      (
        podOf(find(objects, 'Deployment')).spec as unknown as {
          volumes: { name: string; emptyDir?: { sizeLimit?: string } }[];
        }
      ).volumes.find((volume) => volume.name === 'tmp')?.emptyDir?.sizeLimit;
    const plain = await renderChart();
    expect(
      readConfig(envOf(podOf(find(plain, 'Deployment')).spec.containers[0] as Container)).bundles,
    ).toEqual({
      maxBytes: 1024 ** 3,
      idleTtlMs: 3_600_000,
      storeMaxBytes: 2 * 1024 ** 3,
    });
    // 256 MiB for other temporary files + 2 GiB kept + 1 GiB arriving.
    expect(sizeOf(plain)).toBe(String(256 * 1024 ** 2 + 3 * 1024 ** 3));
    const objects = await renderChart({
      config: { bundleMaxBytes: 5368709120, bundleIdleTtlSeconds: 600, bundleStoreMaxBytes: 10737418240 },
    });
    const container = podOf(find(objects, 'Deployment')).spec.containers[0] as Container;
    expect(readConfig(envOf(container)).bundles).toEqual({
      maxBytes: 5 * 1024 ** 3,
      idleTtlMs: 600_000,
      storeMaxBytes: 10 * 1024 ** 3,
    });
    expect(sizeOf(objects)).toBe(String(256 * 1024 ** 2 + 15 * 1024 ** 3));
    await expectSchemaValid(objects);
  });

  it('sets HTTPS_PROXY, HTTP_PROXY and NO_PROXY only when a proxy is given', async () => {
    const names = (container: Container) => container.env.map((entry) => entry.name);
    const plain = podOf(find(await renderChart(), 'Deployment')).spec.containers[0] as Container;
    expect(names(plain).filter((name) => /proxy/i.test(name))).toEqual([]);
    const objects = await renderChart({ proxy: { httpsProxy: 'http://u:p@proxy.corp:3128' } });
    const container = podOf(find(objects, 'Deployment')).spec.containers[0] as Container;
    expect(container.env.filter((entry) => /proxy/i.test(entry.name))).toEqual([
      { name: 'HTTPS_PROXY', value: 'http://u:p@proxy.corp:3128' },
      { name: 'NO_PROXY', value: '.svc,.cluster.local,localhost,127.0.0.1' },
    ]);
    await expectSchemaValid(objects);
  });

  it('honours global.imageRegistry and global.nodeSelector', async () => {
    const plain = podOf(find(await renderChart(), 'Deployment')).spec;
    expect(plain.containers[0]?.image).toBe('docker.io/storeimporter/store-importer:0.1.0');
    const { spec } = podOf(
      find(
        await renderChart({
          global: {
            imageRegistry: 'mirror.corp.example:5000',
            nodeSelector: { 'node-role.kubernetes.io/infra': '' },
          },
        }),
        'Deployment',
      ),
    );
    expect(spec.containers.map((container) => container.image)).toEqual([
      'mirror.corp.example:5000/storeimporter/store-importer:0.1.0',
    ]);
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/infra': '' });
  });

  it('registers the API, the console bundle and the menu entry with KubeSphere', async () => {
    const objects = await renderChart();
    const service = find(objects, 'Service');
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
    const base = `http://store-importer.${NAMESPACE}.svc:80`;
    expect(find(objects, 'APIService', 'v1alpha1.storeimporter.kubesphere.io').spec).toEqual({
      group: 'storeimporter.kubesphere.io',
      version: 'v1alpha1',
      url: base,
    });
    const bundle = find(objects, 'JSBundle', 'store-importer');
    expect(bundle.spec).toEqual({ rawFrom: { url: `${base}/dist/store-importer/index.js` } });
    expect(bundle.status).toMatchObject({ link: '/dist/store-importer/index.js' });
    // The menu comes with the bundle's `menus` export; an ExtensionEntry would show it twice.
    expect(objects.filter((object) => object.kind === 'ExtensionEntry')).toEqual([]);
  });

  it("grants the pod's Kubernetes identity exactly what the state stores and leader election call", async () => {
    const objects = await renderChart();
    const rules = (find(objects, 'Role', 'store-importer') as unknown as { rules: Rule[] }).rules;
    expect(rules).toEqual([
      {
        apiGroups: ['storeimporter.kubesphere.io'],
        resources: ['importjobs'],
        verbs: ['create', 'get', 'list'],
      },
      { apiGroups: ['storeimporter.kubesphere.io'], resources: ['importjobs/status'], verbs: ['patch'] },
      {
        apiGroups: ['storeimporter.kubesphere.io'],
        resources: ['repoimports'],
        verbs: ['create', 'get', 'list', 'update', 'delete'],
      },
      { apiGroups: ['storeimporter.kubesphere.io'], resources: ['repoimports/status'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get', 'update', 'delete'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        resourceNames: ['store-importer-scheduler'],
        verbs: ['get', 'update'],
      },
    ]);
    expect(
      objects.filter((object) => object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding'),
    ).toEqual([]);
    expect(find(objects, 'RoleBinding')).toMatchObject({
      roleRef: { kind: 'Role', name: 'store-importer' },
      subjects: [{ kind: 'ServiceAccount', name: 'store-importer', namespace: NAMESPACE }],
    });
  });

  it('binds the KubeSphere ServiceAccount to App Store management only', async () => {
    const objects = await renderChart();
    expect(find(objects, 'ServiceAccount', 'store-importer-sync').apiVersion).toBe('kubesphere.io/v1alpha1');
    const role = find(objects, 'GlobalRole', 'store-importer-sync') as unknown as {
      aggregationRoleTemplates: { templateNames: string[] };
      rules: Rule[];
    };
    expect(role.aggregationRoleTemplates.templateNames).toEqual(['global-role-template-manage-app']);
    // The rules of ks-core's global-role-template-manage-app (config/ks-core/templates/roletemplates.yaml).
    expect(role.rules).toEqual([
      { apiGroups: ['application.kubesphere.io'], resources: ['*'], verbs: ['*'] },
    ]);
    expect(find(objects, 'GlobalRoleBinding', 'store-importer-sync')).toMatchObject({
      roleRef: { apiGroup: 'iam.kubesphere.io', kind: 'GlobalRole', name: 'store-importer-sync' },
      subjects: [
        {
          kind: 'ServiceAccount',
          apiGroup: 'kubesphere.io',
          name: 'store-importer-sync',
          namespace: NAMESPACE,
        },
      ],
    });
  });

  it('offers role templates for the console, scoped global, in the App Store category', async () => {
    const templates = (await renderChart()).filter((object) => object.kind === 'RoleTemplate');
    expect(templates.map((template) => template.metadata.name)).toEqual([
      'global-view-store-importer',
      'global-manage-store-importer',
    ]);
    for (const template of templates) {
      expect(template.metadata.labels).toMatchObject({
        'iam.kubesphere.io/scope': 'global',
        'iam.kubesphere.io/category': 'manage-app',
      });
      const spec = template.spec as { displayName: Record<string, string>; rules: Rule[] };
      expect(Object.keys(spec.displayName).sort()).toEqual(['en', 'zh']);
      for (const rule of spec.rules) expect(rule.apiGroups).toEqual(['storeimporter.kubesphere.io']);
    }
    const manage = templates[1] as KObject;
    expect(JSON.parse(manage.metadata.annotations?.['iam.kubesphere.io/dependencies'] ?? '[]')).toEqual([
      'global-view-store-importer',
      'global-role-template-manage-app',
    ]);
    expect(
      JSON.parse(manage.metadata.annotations?.['iam.kubesphere.io/role-template-rules'] ?? '{}'),
    ).toEqual({ 'store-importer': 'manage' });
  });

  it('role templates cover every documented route, the view template only its reads', async () => {
    const templates = (await renderChart()).filter((object) => object.kind === 'RoleTemplate');
    const rulesOf = (name: string): Rule[] =>
      (templates.find((template) => template.metadata.name === name)?.spec as { rules: Rule[] }).rules;
    const allows = (rules: Rule[], resource: string, verb: string): boolean =>
      rules.some((rule) => rule.resources.includes(resource) && rule.verbs.includes(verb));
    const view = rulesOf('global-view-store-importer');
    const manage = rulesOf('global-manage-store-importer');
    const prefix = '/kapis/storeimporter.kubesphere.io/v1alpha1/';
    const routes = Object.entries(openApiDocument().paths)
      .filter(([path]) => path.startsWith(prefix))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ path, method })));
    expect(routes.length).toBeGreaterThan(10);
    for (const { path, method } of routes) {
      // ks-apiserver's RequestInfoFactory: /kapis/<group>/<version>/<resource>[/<name>[/<subresource>]],
      // and the verb from the method (GET without a name is list).
      const [resource = '', name, subresource] = path.slice(prefix.length).split('/');
      const fullResource = subresource ? `${resource}/${subresource}` : resource;
      const verb =
        { get: name ? 'get' : 'list', post: 'create', put: 'update', patch: 'patch', delete: 'delete' }[
          method
        ] ?? method;
      const route = `${method.toUpperCase()} ${path} (${verb} ${fullResource})`;
      expect(allows(manage, fullResource, verb), route).toBe(true);
      expect(allows(view, fullResource, verb), route).toBe(verb === 'get' || verb === 'list');
    }
  });

  it('limits the network: ingress from kubesphere-system, egress to DNS, KubeSphere, the API and repositories', async () => {
    const policy = find(await renderChart(), 'NetworkPolicy').spec as {
      policyTypes: string[];
      ingress: { from: unknown[]; ports: unknown[] }[];
      egress: {
        to?: { ipBlock?: { cidr: string; except?: string[] } }[];
        ports: { port: number | string }[];
      }[];
    };
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kubesphere-system' } } },
        ],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    const ports = policy.egress.map((rule) => rule.ports.map((port) => port.port));
    expect(ports).toEqual([
      [53, 53],
      [9090, 9443],
      [443, 6443],
      [80, 443],
    ]);
    const repositories = policy.egress[3]?.to?.[0]?.ipBlock;
    expect(repositories?.cidr).toBe('0.0.0.0/0');
    expect(repositories?.except).toEqual(
      expect.arrayContaining(['169.254.0.0/16', '10.0.0.0/8', ...COMMON_CLUSTER_CIDRS]),
    );
    const open = find(
      await renderChart({
        outbound: {
          allowPrivateNetworks: true,
          allowCidrs: ['192.168.10.0/24'],
          blockCidrs: ['10.96.0.0/12', 'fd00::/108'],
        },
      }),
      'NetworkPolicy',
    ).spec as typeof policy;
    expect(open.egress[3]?.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16', '10.96.0.0/12'] } },
      { ipBlock: { cidr: '192.168.10.0/24' } },
    ]);
  });

  it("leaves no cluster-scoped object to Helm's crds/ folder: uninstall removes everything", async () => {
    const { stdout } = await helm(['show', 'crds', CHART_DIR]);
    expect(stdout.trim()).toBe('');
    const crds = (await renderChart()).filter((object) => object.kind === 'CustomResourceDefinition');
    expect(crds.map((crd) => crd.metadata.name).sort()).toEqual([
      'importjobs.storeimporter.kubesphere.io',
      'repoimports.storeimporter.kubesphere.io',
    ]);
  });
});
