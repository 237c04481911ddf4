// Reading an upload, copied from ks-core release-4.1:
//   pkg/kapis/application/v2/handler_app.go  parseUpload (multipart `file` + `jsonData`, or application/json)
//   pkg/kapis/application/v2/utils.go        parseRequest, parseHelmRequest, fillEmptyFields, getCrdInfo, readYaml
//   pkg/simple/client/application/helper.go  AppRequest, GetMaintainers, GenerateShortNameMD5Hash, GetUuid36, ReadYaml

import busboy from 'busboy';
import { Readable } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import { AppTypeHelm, UploadRepoKey } from './constants.js';
import { KsError } from './errors.js';
import { crdObjects, loadArchive, type LoadedChart } from './chart/loader.js';
import { goDecode, GoJsonError, parseJsonBody, type GoType } from './gojson.js';
import { toMaintainers, type AppRequest } from './helper.js';
import { generateShortNameMD5Hash, getUuid36 } from './naming.js';
import type { ReleaseRules } from './releases.js';
import type { GroupVersionResource } from './types.js';

const str: GoType = { kind: 'string' };
const strSlice: GoType = { kind: 'slice', elem: str };

/** appv2.RepoCredential, as encoding/json decodes it (AppRequest and Repo specs share it). */
export const repoCredentialType: GoType = {
  kind: 'struct',
  name: 'RepoCredential',
  fields: {
    username: str,
    password: str,
    certFile: str,
    keyFile: str,
    caFile: str,
    insecureSkipTLSVerify: { kind: 'bool' },
  },
};
// helper.go AppRequest + appv2.RepoCredential / Maintainer / GroupVersionResource json tags
export const appRequestType: GoType = {
  kind: 'struct',
  name: 'AppRequest',
  fields: {
    repoName: str,
    appName: str,
    originalName: str,
    aliasName: str,
    versionName: str,
    appHome: str,
    url: str,
    icon: str,
    digest: str,
    workspace: str,
    description: str,
    categoryName: str,
    appType: str,
    package: { kind: 'bytes' },
    pullUrl: str,
    credential: repoCredentialType,
    maintainers: {
      kind: 'slice',
      elem: { kind: 'struct', name: 'Maintainer', fields: { name: str, email: str, url: str } },
    },
    abstraction: str,
    attachments: strSlice,
    fromRepo: { kind: 'bool' },
    hasCrd: str,
    resources: {
      kind: 'slice',
      elem: {
        kind: 'struct',
        name: 'GroupVersionResource',
        fields: { Group: str, Version: str, Resource: str, Name: str, Desc: str, ParentNode: str },
      },
    },
  },
};

export function emptyAppRequest(): AppRequest {
  return {
    repoName: '',
    appName: '',
    originalName: '',
    aliasName: '',
    versionName: '',
    appHome: '',
    url: '',
    icon: '',
    digest: '',
    workspace: '',
    description: '',
    categoryName: '',
    appType: '',
    package: null,
    pullUrl: '',
    credential: {},
    maintainers: null,
    abstraction: '',
    attachments: null,
    fromRepo: false,
    hasCrd: '',
    resources: null,
  };
}

/** json.Unmarshal into AppRequest (500 on error, via requestDone). */
export function decodeAppRequest(value: unknown): AppRequest {
  const decoded = goDecode(value, appRequestType, 'AppRequest') as Partial<AppRequest> | null;
  return { ...emptyAppRequest(), ...(decoded ?? {}) };
}

/** mime.ParseMediaType (the parts that matter): lowercased media type, parameters. */
export function parseMediaType(contentType: string | undefined): {
  mediaType: string;
  params: Record<string, string>;
} {
  const v = (contentType ?? '').trim();
  if (v === '') throw new KsError(500, 'mime: no media type');
  const [type = '', ...rest] = v.split(';');
  const mediaType = type.trim().toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(mediaType))
    throw new KsError(500, 'mime: expected slash after first token');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { mediaType, params };
}

export interface MultipartResult {
  file: Buffer | undefined;
  /** Every file part by field name, the first of each name, in the order they came. */
  files: Map<string, Buffer>;
  fields: Map<string, string>;
}

export function readMultipart(body: Buffer, contentType: string): Promise<MultipartResult> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: 32 << 20 } });
    } catch {
      reject(new KsError(500, 'no multipart boundary param in Content-Type'));
      return;
    }
    const result: MultipartResult = { file: undefined, files: new Map(), fields: new Map() };
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (!result.files.has(name)) result.files.set(name, Buffer.concat(chunks));
        if (name === 'file' && result.file === undefined) result.file = Buffer.concat(chunks);
      });
    });
    bb.on('field', (name, value) => {
      if (!result.fields.has(name)) result.fields.set(name, value);
    });
    bb.on('error', () => {
      reject(new KsError(500, 'multipart: NextPart: EOF'));
    });
    bb.on('close', () => {
      resolve(result);
    });
    Readable.from([body]).pipe(bb);
  });
}

/** handler_app.go parseUpload. Every error here ends in requestDone -> 500 (plain text). */
export async function parseUpload(
  body: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<AppRequest> {
  const { mediaType } = parseMediaType(contentType);
  if (mediaType === 'multipart/form-data') {
    const mp = await readMultipart(body, contentType ?? '');
    if (!mp.file) throw new KsError(500, 'http: no such file');
    // req.Request.FormValue("jsonData"): multipart value first, then the URL query
    const jsonData = mp.fields.get('jsonData') ?? query.get('jsonData') ?? '';
    let req: AppRequest;
    try {
      if (jsonData === '') throw new GoJsonError('unexpected end of JSON input');
      req = decodeAppRequest(parseJsonBody(Buffer.from(jsonData)));
    } catch (err) {
      throw new KsError(
        500,
        err instanceof GoJsonError && err.message === 'EOF'
          ? 'unexpected end of JSON input'
          : (err as Error).message,
      );
    }
    if (req.package !== null) {
      throw new KsError(
        500,
        'When using multipart/form-data to upload files, the package field does not need to be included in the json data.',
      );
    }
    req.package = mp.file;
    return req;
  }
  if (mediaType === 'application/json') {
    try {
      return decodeAppRequest(parseJsonBody(body));
    } catch (err) {
      throw new KsError(500, (err as Error).message);
    }
  }
  throw new KsError(500, 'unsupported media type');
}

/** k8s yaml.NewYAMLReader split used by utils.go readYaml: documents separated by `---` lines. */
function splitYamlDocs(data: Buffer): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of data.toString('utf8').split('\n')) {
    if (/^---\s*$/.test(line) || line.startsWith('--- ')) {
      docs.push(cur.join('\n'));
      cur = [];
      continue;
    }
    cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs.filter((d) => d.trim().length > 3);
}

/** utils.go getCrdInfo: served+storage version of every CRD under crds/. */
function getCrdInfo(req: AppRequest, chart: LoadedChart): AppRequest {
  const resources: GroupVersionResource[] = [...(req.resources ?? [])];
  for (const f of crdObjects(chart)) {
    for (const doc of splitYamlDocs(f.data)) {
      const parsed = parseAllDocuments(doc, { version: '1.1', uniqueKeys: false });
      const d = Array.isArray(parsed) ? parsed[0] : parsed;
      // go-yaml v2 accepts under-indented continuation lines of quoted scalars (common in generated CRDs,
      // e.g. porter-0.2.0) that the JavaScript parser rejects; such documents are skipped here instead of
      // failing the request. Known difference: truly broken CRD YAML fails in ks-core but is skipped here.
      if (!d || d.errors.length > 0) continue;
      const crd = d.toJS() as {
        spec?: {
          group?: string;
          names?: { plural?: string };
          versions?: { name?: string; served?: boolean; storage?: boolean }[];
        };
      } | null;
      let served: { name?: string } | undefined;
      for (const v of crd?.spec?.versions ?? []) if (v.served && v.storage) served = v;
      if (!served) continue;
      resources.push({
        Group: crd?.spec?.group ?? '',
        Version: served.name ?? '',
        Resource: crd?.spec?.names?.plural ?? '',
      });
    }
  }
  return { ...req, resources: resources.length ? resources : null };
}

/** utils.go fillEmptyFields */
function fillEmptyFields(req: AppRequest, chart: LoadedChart, shortName: string): void {
  const md = chart.metadata;
  if (req.appName === '') req.appName = getUuid36(`${shortName}-`);
  if (req.originalName === '') req.originalName = md.name;
  if (req.appHome === '') req.appHome = md.home;
  if (req.icon === '') req.icon = md.icon;
  if (req.versionName === '') req.versionName = md.version;
  if (req.maintainers === null || req.maintainers.length === 0) {
    req.maintainers = toMaintainers(md.maintainers.filter((m) => m !== null));
  }
  if (req.repoName === '') req.repoName = UploadRepoKey;
  if (req.description === '') req.description = md.description;
  if (req.abstraction === '') req.abstraction = md.description;
  if (req.aliasName === '') req.aliasName = md.name;
}

/**
 * utils.go parseRequest: helm packages are loaded like Helm's loader; anything else must be Kubernetes
 * YAML. The CRDs are read with ?validate=true only from v4.1.3 (bb60d3943), on every upload before.
 */
export function parseRequest(
  createRequest: AppRequest,
  validate: boolean,
  rules: Pick<ReleaseRules, 'crdsOnEveryUpload'>,
): AppRequest {
  if (createRequest.appType === AppTypeHelm) {
    if (createRequest.package === null || createRequest.package.length === 0)
      throw new KsError(500, 'package is empty');
    let chart: LoadedChart;
    try {
      chart = loadArchive(createRequest.package);
    } catch (err) {
      throw new KsError(500, (err as Error).message);
    }
    let req = { ...createRequest };
    if (validate || rules.crdsOnEveryUpload) req = getCrdInfo(req, chart);
    const shortName = generateShortNameMD5Hash(chart.metadata.name);
    fillEmptyFields(req, chart, shortName);
    return req;
  }
  // application.ReadYaml: every document must decode as an unstructured object (apiVersion + kind)
  readYamlObjects(createRequest.package ?? Buffer.alloc(0));
  return createRequest;
}

/** helper.go ReadYaml + Decode (unstructured.UnstructuredJSONScheme). */
function readYamlObjects(data: Buffer): void {
  const docs = data.length === 0 ? [''] : data.toString('utf8').split(/^---\s*$/m);
  for (const doc of docs) {
    const parsed = parseAllDocuments(doc, { version: '1.1', uniqueKeys: false });
    const d = Array.isArray(parsed) ? parsed[0] : parsed;
    if (d && d.errors.length > 0)
      throw new KsError(
        500,
        `error converting YAML to JSON: yaml: ${d.errors[0]?.message.split('\n')[0] ?? ''}`,
      );
    const obj = d ? (d.toJS() as unknown) : null;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new KsError(500, "Object 'Kind' is missing in 'null'");
    }
    const o = obj as Record<string, unknown>;
    if (typeof o.kind !== 'string' || o.kind === '')
      throw new KsError(500, `Object 'Kind' is missing in '${JSON.stringify(o)}'`);
    if (typeof o.apiVersion !== 'string' || o.apiVersion === '')
      throw new KsError(500, `Object 'apiVersion' is missing in '${JSON.stringify(o)}'`);
  }
}
