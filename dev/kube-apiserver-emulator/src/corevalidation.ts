// Validation and defaults shared by the core kinds, and those of Services and NetworkPolicies. Copied from
//   k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector, ValidateLabels)
//   k8s.io/apimachinery/pkg/util/validation/validation.go (IsValidPortNum, IsValidPortName (IANA_SVC_NAME),
//     IsValidCIDR)
//   k8s.io/kubernetes/pkg/apis/core/validation/validation.go (ValidateService: ports, names, protocols,
//     targetPort, type; ValidateServiceUpdate: the cluster IP may not change)
//   k8s.io/kubernetes/pkg/registry/core/service/strategy.go, storage/alloc.go (type ClusterIP, a cluster IP
//     and IP family allocated on create and kept by updates that omit them)
//   k8s.io/kubernetes/pkg/apis/core/v1/defaults.go (SetDefaults_Service, SetDefaults_ServicePort)
//   k8s.io/kubernetes/pkg/apis/networking/validation/validation.go (ValidateNetworkPolicySpec, peers,
//     ports, ipBlock); k8s.io/kubernetes/pkg/apis/networking/v1/defaults.go (policyTypes, port protocol)
// Only these rules are emulated; the real validation has more (see README "Known differences").

import { isIP } from 'node:net';
import { fe, type FieldError } from './errors.js';
import { isDNS1035Label, isQualifiedName, isValidLabelValue } from './metavalidation.js';
import { clone, isObject, type JsonObject, type KObject } from './types.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export const objectsAt = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
export const objectAt = (v: unknown): JsonObject => (isObject(v) ? v : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(objectAt(labels))) {
    for (const msg of isQualifiedName(k)) errs.push(fe.invalid(path, k, msg));
    for (const msg of isValidLabelValue(text(v))) errs.push(fe.invalid(path, v, msg));
  }
  return errs;
}

/** ValidateLabelSelector. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const s = objectAt(selector);
  const errs = validateLabels(s.matchLabels, `${path}.matchLabels`);
  objectsAt(s.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(fe.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            fe.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        break;
      default:
        errs.push(fe.invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(text(e.key))) errs.push(fe.invalid(`${p}.key`, e.key, msg));
  });
  return errs;
}

/** LabelSelectorAsSelector(...).Matches(labels). */
export function selectorMatches(selector: unknown, labels: unknown): boolean {
  const s = objectAt(selector);
  const l = objectAt(labels);
  const matchLabels = Object.entries(objectAt(s.matchLabels)).every(([k, v]) => l[k] === v);
  return (
    matchLabels &&
    objectsAt(s.matchExpressions).every((e) => {
      const key = text(e.key);
      const values = Array.isArray(e.values) ? e.values : [];
      switch (e.operator) {
        case 'In':
          return key in l && values.includes(l[key]);
        case 'NotIn':
          return !(key in l) || !values.includes(l[key]);
        case 'Exists':
          return key in l;
        default:
          return !(key in l);
      }
    })
  );
}

export function isEmptySelector(selector: unknown): boolean {
  const s = objectAt(selector);
  return Object.keys(objectAt(s.matchLabels)).length + objectsAt(s.matchExpressions).length === 0;
}

/** IsValidPortNum. */
export function portNumErrors(port: unknown, path: string): FieldError[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535
    ? []
    : [fe.invalid(path, port, 'must be between 1 and 65535, inclusive')];
}

/** IsValidPortName (IANA_SVC_NAME). */
export function portNameMessages(name: string): string[] {
  const errs: string[] = [];
  if (name.length < 1 || name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** An IntOrString port: a number in range or an IANA service name. */
export function portNumOrNameErrors(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return portNameMessages(port).map((msg) => fe.invalid(path, port, msg));
  return portNumErrors(port, path);
}

export function protocolErrors(protocol: unknown, path: string): FieldError[] {
  return typeof protocol === 'string' && PROTOCOLS.includes(protocol)
    ? []
    : [fe.notSupported(path, protocol, PROTOCOLS)];
}

function parseCidr(cidr: string): { bits: bigint; prefix: number; width: number } | undefined {
  const [address = '', prefixText = '', ...rest] = cidr.split('/');
  const family = isIP(address);
  const width = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (family === 0 || rest.length > 0 || !/^\d+$/.test(prefixText) || prefix > width) return undefined;
  let bits = 0n;
  if (family === 4) for (const part of address.split('.')) bits = (bits << 8n) | BigInt(Number(part));
  else {
    const [head = '', tail = ''] = address.split('::');
    const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
    const all = address.includes('::')
      ? [
          ...groups(head),
          ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'),
          ...groups(tail),
        ]
      : groups(address);
    for (const g of all) bits = (bits << 16n) | BigInt(parseInt(g, 16));
  }
  return { bits, prefix, width };
}

function network(c: { bits: bigint; prefix: number; width: number }, prefix: number): bigint {
  return c.bits >> BigInt(c.width - prefix);
}

/** ValidateIPBlock. */
function validateIPBlock(block: JsonObject, path: string): FieldError[] {
  const cidrText = text(block.cidr);
  if (cidrText === '') return [fe.required(`${path}.cidr`)];
  const cidr = parseCidr(cidrText);
  if (!cidr)
    return [
      fe.invalid(`${path}.cidr`, cidrText, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'),
    ];
  const errs: FieldError[] = [];
  (Array.isArray(block.except) ? block.except : []).forEach((e, i) => {
    const p = `${path}.except[${i}]`;
    const except = parseCidr(text(e));
    if (!except)
      errs.push(fe.invalid(p, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    else if (
      except.width !== cidr.width ||
      except.prefix <= cidr.prefix ||
      network(except, cidr.prefix) !== network(cidr, cidr.prefix)
    )
      errs.push(fe.invalid(p, e, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (peer.podSelector !== undefined) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer.namespaceSelector !== undefined) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer.ipBlock !== undefined) {
    peers++;
    errs.push(...validateIPBlock(objectAt(peer.ipBlock), `${path}.ipBlock`));
  }
  if (peers === 0) errs.push(fe.required(path, 'must specify a peer'));
  else if (peers > 1 && peer.ipBlock !== undefined)
    errs.push(fe.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validatePolicyPorts(ports: unknown, path: string): FieldError[] {
  return objectsAt(ports).flatMap((port, i) => {
    const p = `${path}[${i}]`;
    const errs = [...protocolErrors(port.protocol, `${p}.protocol`)];
    if (port.port !== undefined) errs.push(...portNumOrNameErrors(port.port, `${p}.port`));
    if (port.endPort !== undefined) {
      if (typeof port.port !== 'number')
        errs.push(fe.required(`${p}.port`, 'must be specified when endPort is specified'));
      else if (typeof port.endPort === 'number' && port.endPort < port.port)
        errs.push(fe.invalid(`${p}.endPort`, port.endPort, 'must be greater than or equal to `port`'));
    }
    return errs;
  });
}

export function validateNetworkPolicy(obj: KObject): FieldError[] {
  const spec = objectAt(obj.spec);
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  objectsAt(spec.ingress).forEach((rule, i) => {
    errs.push(...validatePolicyPorts(rule.ports, `spec.ingress[${i}].ports`));
    objectsAt(rule.from).forEach((peer, j) =>
      errs.push(...validatePeer(peer, `spec.ingress[${i}].from[${j}]`)),
    );
  });
  objectsAt(spec.egress).forEach((rule, i) => {
    errs.push(...validatePolicyPorts(rule.ports, `spec.egress[${i}].ports`));
    objectsAt(rule.to).forEach((peer, j) => errs.push(...validatePeer(peer, `spec.egress[${i}].to[${j}]`)));
  });
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push(fe.notSupported(`spec.policyTypes[${i}]`, t, ['Egress', 'Ingress']));
  });
  if (types.length > 2)
    errs.push(fe.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

export function defaultNetworkPolicy(obj: KObject): void {
  const spec = objectAt(obj.spec);
  obj.spec = spec;
  for (const rule of [...objectsAt(spec.ingress), ...objectsAt(spec.egress)])
    for (const port of objectsAt(rule.ports)) port.protocol ??= 'TCP';
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0)
    spec.policyTypes =
      Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

// ---------------- Service ----------------

export function defaultService(obj: KObject): void {
  const spec = objectAt(obj.spec);
  obj.spec = spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  for (const port of objectsAt(spec.ports)) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
}

/** A cluster IP allocator over 10.96.0.0/12 (the kubeadm default), in order. */
export function clusterIpAllocator(): (obj: KObject) => void {
  let next = 10;
  return (obj) => {
    const spec = objectAt(obj.spec);
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
    if (typeof spec.clusterIP !== 'string' || spec.clusterIP === '') {
      spec.clusterIP = `10.96.${Math.floor(next / 250)}.${next % 250}`;
      next++;
    }
    spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilies = ['IPv4'];
    spec.ipFamilyPolicy = 'SingleStack';
  };
}

/** PrepareForUpdate: allocated values an update omits are kept (patchAllocatedValues). */
export function keepAllocatedValues(obj: KObject, old: KObject): void {
  const spec = objectAt(obj.spec);
  const was = objectAt(old.spec);
  obj.spec = spec;
  for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'])
    if ((spec[key] === undefined || spec[key] === '') && was[key] !== undefined) spec[key] = clone(was[key]);
}

export function validateService(obj: KObject): FieldError[] {
  const spec = objectAt(obj.spec);
  const errs: FieldError[] = [];
  const type = spec.type;
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (typeof type !== 'string' || !types.includes(type)) errs.push(fe.notSupported('spec.type', type, types));
  const ports = objectsAt(spec.ports);
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName')
    errs.push(fe.required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    const name = text(port.name);
    if (ports.length > 1 && name === '') errs.push(fe.required(`${p}.name`));
    else if (name !== '') {
      for (const msg of isDNS1035Label(name)) errs.push(fe.invalid(`${p}.name`, name, msg));
      if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
      names.add(name);
    }
    errs.push(...portNumErrors(port.port, `${p}.port`), ...protocolErrors(port.protocol, `${p}.protocol`));
    errs.push(...portNumOrNameErrors(port.targetPort, `${p}.targetPort`));
  });
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  return errs;
}

export function validateServiceUpdate(obj: KObject, old: KObject): FieldError[] {
  const ip = objectAt(obj.spec).clusterIP;
  const was = objectAt(old.spec).clusterIP;
  return was !== undefined && ip !== was
    ? [fe.invalid('spec.clusterIPs[0]', ip, 'may not change once set')]
    : [];
}
