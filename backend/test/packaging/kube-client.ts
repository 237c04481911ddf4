// The Kubernetes calls of the Helm replay, as client-go and cli-runtime make them: a bearer token, and
// for `--kube-as-user` the Impersonate-User header (client-go transport/round_trippers.go
// NewImpersonatingRoundTripper); REST mappings from discovery (/api, /apis, each group version; cli-runtime's
// RESTMapper); objects by their resource paths; for Helm, `fieldManager=helm` on creates and patches
// (helm pkg/kube/client.go getManagedFieldsManager: the binary's name). Every call is logged with its answer, so a test can report
// each refusal with the object it was about.

import type { KObject } from './support.js';

export interface Call {
  step: string;
  user: string;
  method: string;
  path: string;
  status: number;
  /** Kind/name of the object the call was about */
  object: string;
  message: string;
  /** Warning headers (unknown fields the server dropped) */
  warnings: string[];
}

export interface Mapping {
  resource: string;
  namespaced: boolean;
  /** /api/v1 or /apis/<group>/<version> */
  base: string;
}

export interface Response {
  status: number;
  json: Record<string, unknown>;
}

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class KubeClient {
  /** the step (install, upgrade, ...) calls are logged under */
  step = '';
  private mappings = new Map<string, Mapping>();

  constructor(
    private readonly server: { url: string; token: string },
    /** the impersonated user (`--kube-as-user`), or the token's own user */
    readonly user: string,
    private readonly impersonate: boolean,
    readonly log: Call[],
    /** `?fieldManager=` of writes (helm: the binary's name) */
    private readonly fieldManager = '',
  ) {}

  /** The same server and log, acting as another user. */
  as(user: string, fieldManager = ''): KubeClient {
    return new KubeClient(this.server, user, true, this.log, fieldManager);
  }

  private writeQuery(): string {
    return this.fieldManager ? `?fieldManager=${this.fieldManager}` : '';
  }

  async request(
    method: string,
    path: string,
    object: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.server.token}`,
      Accept: 'application/json',
    };
    if (this.impersonate) headers['Impersonate-User'] = this.user;
    if (body !== undefined) headers['Content-Type'] = contentType;
    const response = await fetch(this.server.url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const json = (text.startsWith('{') ? JSON.parse(text) : { message: text }) as Record<string, unknown>;
    const message = typeof json.message === 'string' ? json.message : '';
    const warnings = response.headers.get('warning') ? [response.headers.get('warning') ?? ''] : [];
    this.log.push({
      step: this.step,
      user: this.user,
      method,
      path,
      status: response.status,
      object,
      message,
      warnings,
    });
    return { status: response.status, json };
  }

  /** A call that must succeed: its Status message otherwise. */
  async must(
    method: string,
    path: string,
    object: string,
    body?: unknown,
    contentType?: string,
  ): Promise<Record<string, unknown>> {
    const response = await this.request(method, path, object, body, contentType);
    if (response.status >= 400) throw new KubeError(response.status, messageOf(response));
    return response.json;
  }

  /** Discovery, as the RESTMapper and the capabilities check read it. */
  async discover(): Promise<void> {
    this.mappings = new Map();
    const versions = ['/api/v1'];
    const groups = (await this.must('GET', '/apis', '')).groups as { versions: { groupVersion: string }[] }[];
    for (const group of groups) for (const v of group.versions) versions.push(`/apis/${v.groupVersion}`);
    for (const base of versions) {
      const list = await this.must('GET', base, '');
      const apiVersion = String(list.groupVersion);
      for (const r of list.resources as { name: string; kind: string; namespaced: boolean }[])
        if (!r.name.includes('/'))
          this.mappings.set(`${apiVersion}/${r.kind}`, { resource: r.name, namespaced: r.namespaced, base });
    }
  }

  mapping(object: KObject): Mapping {
    const mapping = this.mappings.get(`${object.apiVersion}/${object.kind}`);
    if (!mapping)
      throw new Error(
        `resource mapping not found for name: "${object.metadata.name}" namespace: "" from "": no matches for kind "${object.kind}" in version "${object.apiVersion}"`,
      );
    return mapping;
  }

  collectionPath(object: KObject): string {
    const { base, resource, namespaced } = this.mapping(object);
    return namespaced
      ? `${base}/namespaces/${object.metadata.namespace ?? ''}/${resource}`
      : `${base}/${resource}`;
  }

  objectPath(object: KObject): string {
    return `${this.collectionPath(object)}/${encodeURIComponent(object.metadata.name)}`;
  }

  async get(object: KObject): Promise<Response> {
    return this.request('GET', this.objectPath(object), objectName(object));
  }

  async create(object: KObject): Promise<Record<string, unknown>> {
    return this.must(
      'POST',
      `${this.collectionPath(object)}${this.writeQuery()}`,
      objectName(object),
      object,
    );
  }

  async patch(object: KObject, patch: unknown, contentType: string): Promise<Record<string, unknown>> {
    return this.must(
      'PATCH',
      `${this.objectPath(object)}${this.writeQuery()}`,
      objectName(object),
      patch,
      contentType,
    );
  }

  async delete(object: KObject): Promise<Response> {
    const options = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
    return this.request('DELETE', this.objectPath(object), objectName(object), options);
  }

  /** controllerutil.CreateOrUpdate: GET, then POST, or PUT when the object differs. */
  async createOrUpdate(object: KObject): Promise<void> {
    const current = await this.get(object);
    if (current.status === 404) {
      await this.create(object);
      return;
    }
    if (current.status >= 400) throw new KubeError(current.status, messageOf(current));
    const metadata = { ...(current.json.metadata as object), ...object.metadata };
    await this.must('PUT', this.objectPath(object), objectName(object), {
      ...current.json,
      ...object,
      metadata,
    });
  }
}

/** The Status message of an answer (its code when there is none). */
export function messageOf(response: Response): string {
  const message = response.json.message;
  return typeof message === 'string' ? message : String(response.status);
}

export function objectName(object: KObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
