// Deployments and ReplicaSets: their pod templates' validation and the defaults the API server fills in.
// Copied from
//   k8s.io/kubernetes/pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec: replicas >= 0, a
//     non-empty selector matching the template's labels, restartPolicy Always, strategy;
//     ValidatePodTemplateSpecForReplicaSet)
//   k8s.io/kubernetes/pkg/registry/apps/deployment/strategy.go (apps/v1: spec.selector is immutable;
//     status reset on create and kept on update; generation +1 on a spec or annotation change)
//   k8s.io/kubernetes/pkg/apis/core/validation/validation.go (ValidatePodSpec: containers required, names
//     RFC 1123 labels and unique, image required, ports, volumes and their mounts, resources requests <=
//     limits, nodeSelector labels, serviceAccountName)
//   k8s.io/kubernetes/pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment, SetDefaults_ReplicaSet) and
//     k8s.io/kubernetes/pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container, _Probe, ...)
// Only these rules are emulated; the real validation has more (see README "Known differences").

import { fe, type FieldError } from './errors.js';
import {
  isEmptySelector,
  objectAt,
  objectsAt,
  portNameMessages,
  portNumErrors,
  portNumOrNameErrors,
  protocolErrors,
  selectorMatches,
  validateLabels,
  validateLabelSelector,
} from './corevalidation.js';
import { isDNS1123Label, isDNS1123Subdomain } from './metavalidation.js';
import { deepEqual, type JsonObject, type KObject } from './types.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** resource.Quantity as a number (undefined when it does not parse). */
function quantity(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(text(v));
  if (!m?.[1]) return undefined;
  if (m[2]) return Number(`${m[1]}${m[2]}`);
  const factor = SUFFIXES[m[3] ?? ''];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

function validateContainer(c: JsonObject, path: string, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (text(c.image).trim() === '') errs.push(fe.required(`${path}.image`));
  const portNames = new Set<string>();
  objectsAt(c.ports).forEach((port, i) => {
    const p = `${path}.ports[${i}]`;
    errs.push(
      ...portNumErrors(port.containerPort, `${p}.containerPort`),
      ...protocolErrors(port.protocol, `${p}.protocol`),
    );
    const name = text(port.name);
    if (name) {
      for (const msg of portNameMessages(name)) errs.push(fe.invalid(`${p}.name`, name, msg));
      if (portNames.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
      portNames.add(name);
    }
  });
  objectsAt(c.volumeMounts).forEach((mount, i) => {
    const p = `${path}.volumeMounts[${i}]`;
    if (!volumes.has(text(mount.name))) errs.push(fe.notFound(`${p}.name`, mount.name));
    if (text(mount.mountPath) === '') errs.push(fe.required(`${p}.mountPath`));
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const httpGet = objectAt(objectAt(c[probe]).httpGet);
    if (httpGet.port !== undefined)
      errs.push(...portNumOrNameErrors(httpGet.port, `${path}.${probe}.httpGet.port`));
  }
  const resources = objectAt(c.resources);
  const limits = objectAt(resources.limits);
  for (const [name, request] of Object.entries(objectAt(resources.requests))) {
    const limit = quantity(limits[name]);
    const requested = quantity(request);
    if (limit !== undefined && requested !== undefined && requested > limit)
      errs.push(
        fe.invalid(
          `${path}.resources.requests`,
          String(request),
          `must be less than or equal to ${name} limit of ${String(limits[name])}`,
        ),
      );
  }
  return errs;
}

function validatePodSpec(spec: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  objectsAt(spec.volumes).forEach((v, i) => {
    const name = text(v.name);
    for (const msg of isDNS1123Label(name)) errs.push(fe.invalid(`${path}.volumes[${i}].name`, name, msg));
    if (volumes.has(name)) errs.push(fe.duplicate(`${path}.volumes[${i}].name`, name));
    volumes.add(name);
  });
  const names = new Set<string>();
  const containers = objectsAt(spec.containers);
  if (containers.length === 0) errs.push(fe.required(`${path}.containers`));
  for (const [field, list] of [
    ['initContainers', objectsAt(spec.initContainers)],
    ['containers', containers],
  ] as const)
    list.forEach((c, i) => {
      const p = `${path}.${field}[${i}]`;
      const name = text(c.name);
      if (name === '') errs.push(fe.required(`${p}.name`));
      else for (const msg of isDNS1123Label(name)) errs.push(fe.invalid(`${p}.name`, name, msg));
      if (name && names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
      names.add(name);
      errs.push(...validateContainer(c, p, volumes));
    });
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  const sa = text(spec.serviceAccountName);
  if (sa)
    for (const msg of isDNS1123Subdomain(sa)) errs.push(fe.invalid(`${path}.serviceAccountName`, sa, msg));
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0)
    errs.push(
      fe.invalid(
        `${path}.terminationGracePeriodSeconds`,
        spec.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  return errs;
}

/** ValidateDeploymentSpec / ValidateReplicaSetSpec (the parts both share). */
export function validateWorkload(obj: KObject): FieldError[] {
  const spec = objectAt(obj.spec);
  const errs: FieldError[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0)
    errs.push(fe.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  if (spec.selector === undefined) errs.push(fe.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (isEmptySelector(spec.selector))
      errs.push(
        fe.invalid(
          'spec.selector',
          spec.selector,
          `empty selector is invalid for ${obj.kind === 'Deployment' ? 'deployment' : 'replicaset'}`,
        ),
      );
  }
  const template = objectAt(spec.template);
  const labels = objectAt(template.metadata).labels;
  if (!isEmptySelector(spec.selector) && !selectorMatches(spec.selector, labels))
    errs.push(
      fe.invalid(
        'spec.template.metadata.labels',
        labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  const podSpec = objectAt(template.spec);
  errs.push(...validatePodSpec(podSpec, 'spec.template.spec'));
  if (podSpec.restartPolicy !== 'Always')
    errs.push(fe.notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']));
  const strategy = objectAt(spec.strategy);
  if (obj.kind === 'Deployment' && strategy.type !== 'Recreate' && strategy.type !== 'RollingUpdate')
    errs.push(fe.notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined)
    errs.push(
      fe.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"),
    );
  return errs;
}

/** apps/v1: the selector of a Deployment or ReplicaSet may not change. */
export function validateWorkloadUpdate(obj: KObject, old: KObject): FieldError[] {
  const selector = objectAt(obj.spec).selector;
  return deepEqual(selector, objectAt(old.spec).selector)
    ? []
    : [fe.invalid('spec.selector', selector, 'field is immutable')];
}

/** The deployment strategy's generation rule: spec or annotations changed. */
export function specOrAnnotationsChanged(obj: KObject, old: KObject): boolean {
  return !deepEqual(obj.spec, old.spec) || !deepEqual(obj.metadata.annotations, old.metadata.annotations);
}

function defaultProbe(probe: unknown): void {
  if (probe === undefined || probe === null || typeof probe !== 'object') return;
  const p = probe as JsonObject;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet !== undefined) objectAt(p.httpGet).scheme ??= 'HTTP';
}

function defaultContainer(c: JsonObject): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  const image = text(c.image);
  const tagged = /:[^/]+$/.test(image.split('@')[0] ?? '');
  c.imagePullPolicy ??= !tagged || image.endsWith(':latest') ? 'Always' : 'IfNotPresent';
  for (const port of objectsAt(c.ports)) port.protocol ??= 'TCP';
  for (const env of objectsAt(c.env)) {
    const fieldRef = objectAt(objectAt(env.valueFrom).fieldRef);
    if (objectAt(env.valueFrom).fieldRef !== undefined) fieldRef.apiVersion ??= 'v1';
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
}

/** SetDefaults_Deployment / SetDefaults_ReplicaSet with the pod template's defaults. */
export function defaultWorkload(obj: KObject): void {
  const spec = objectAt(obj.spec);
  obj.spec = spec;
  spec.replicas ??= 1;
  if (obj.kind === 'Deployment') {
    const strategy = objectAt(spec.strategy);
    spec.strategy = strategy;
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const rolling = objectAt(strategy.rollingUpdate);
      strategy.rollingUpdate = rolling;
      rolling.maxUnavailable ??= '25%';
      rolling.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
  }
  const template = objectAt(spec.template);
  const podSpec = objectAt(template.spec);
  if (spec.template === undefined) return;
  template.spec = podSpec;
  podSpec.restartPolicy ??= 'Always';
  podSpec.dnsPolicy ??= 'ClusterFirst';
  podSpec.schedulerName ??= 'default-scheduler';
  podSpec.terminationGracePeriodSeconds ??= 30;
  podSpec.securityContext ??= {};
  for (const c of [...objectsAt(podSpec.initContainers), ...objectsAt(podSpec.containers)])
    defaultContainer(c);
}
