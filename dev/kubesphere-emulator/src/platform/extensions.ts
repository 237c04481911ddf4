// Installed extensions as ks-apiserver sees them: what the installer does with an extension's chart,
// and the objects the console reads back. From ks-core v4.1.3:
//   pkg/controller/core/installplan_controller.go: Helm installs the chart with
//     helm.SetLabels(kubesphere.io/extension-ref=<extension>) on every object; syncExtendedAPIStatus sets
//     status.state of its JSBundles, APIServices, ReverseProxies and ExtensionEntries to Available while
//     the InstallPlan is enabled (Disabled otherwise); syncExtensionStatus copies state, enabled and the
//     installed version to the Extension
//   pkg/controller/extension/jsbundle_webhook.go: status.link defaults to /dist/<extension>/index.js,
//     must start with /dist/<extension>, and no two bundles may share it
//   staging/src/kubesphere.io/api/core/v1alpha1/extension_types.go: Extension spec and status (status
//     fields omitempty: `enabled` is absent when false)
//   staging/src/kubesphere.io/api/extensions/v1alpha1: JSBundle, APIService, ExtensionEntry
import type { ApiService } from '../apiservice.js';
import type { RoleTemplate } from '../rbac.js';
import { roleTemplateOf } from './roles.js';

export const EXTENSION_REF_LABEL = 'kubesphere.io/extension-ref';
export const EXTENSIONS_GROUP = 'extensions.kubesphere.io';
const EXTENSIONS_API = `${EXTENSIONS_GROUP}/v1alpha1`;

/** A Kubernetes object as a chart renders it. */
export interface ChartObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ExtensionInstall {
  /** the Extension's name (metadata.name, the release name) */
  name: string;
  version: string;
  displayName?: Record<string, string>;
  /**
   * The objects its chart made (e.g. `helm template` output). The emulator keeps those of the
   * extensions.kubesphere.io group and the iam.kubesphere.io RoleTemplates; the rest are the
   * Kubernetes emulator's business.
   */
  objects: readonly ChartObject[];
}

/** What the console lists under /apis/extensions.kubesphere.io/v1alpha1/<resource>. */
export const EXTENSION_RESOURCES = {
  jsbundles: 'JSBundle',
  apiservices: 'APIService',
  extensionentries: 'ExtensionEntry',
  reverseproxies: 'ReverseProxy',
} as const;
export type ExtensionResource = keyof typeof EXTENSION_RESOURCES;

interface Installed {
  install: ExtensionInstall;
  objects: ChartObject[];
  roleTemplates: RoleTemplate[];
  installedAt: string;
}

function isKind(object: ChartObject, kind: string): boolean {
  return object.apiVersion === EXTENSIONS_API && object.kind === kind;
}

/** The installer's labels, the API server's resourceVersion and the controllers' status on one object. */
function asInstalled(object: ChartObject, extension: string, resourceVersion: string): ChartObject {
  const labels = { ...object.metadata.labels, [EXTENSION_REF_LABEL]: extension };
  const installed: ChartObject = { ...object, metadata: { ...object.metadata, labels, resourceVersion } };
  if (object.apiVersion !== EXTENSIONS_API) return installed;
  const status: Record<string, unknown> = { ...object.status, state: 'Available' };
  if (object.kind === 'JSBundle') {
    status.link =
      typeof status.link === 'string' && status.link !== '' ? status.link : `/dist/${extension}/index.js`;
    if (!String(status.link).startsWith(`/dist/${extension}`))
      throw new Error(
        `JSBundle ${object.metadata.name}: the prefix of status.link must be in the format /dist/${extension}/`,
      );
  }
  return { ...installed, status };
}

export class ExtensionRegistry {
  private readonly installed = new Map<string, Installed>();
  private resourceVersion = 1000;

  /** Installs (or upgrades) an extension: its objects replace those of an earlier install. */
  install(install: ExtensionInstall): void {
    this.resourceVersion += 1;
    const objects = install.objects.map((object) =>
      asInstalled(object, install.name, String(this.resourceVersion)),
    );
    // jsbundle_webhook.go validateJSBundle: no two bundles share a link
    const links = new Set(
      [...this.installed.values()]
        .filter((entry) => entry.install.name !== install.name)
        .flatMap((entry) => entry.objects.filter((object) => isKind(object, 'JSBundle')))
        .map((bundle) => String(bundle.status?.link)),
    );
    for (const bundle of objects.filter((object) => isKind(object, 'JSBundle'))) {
      const link = String(bundle.status?.link);
      if (links.has(link)) throw new Error(`JSBundle ${link} is already exists`);
      links.add(link);
    }
    this.installed.set(install.name, {
      install,
      objects,
      roleTemplates: objects
        .filter(
          (object) => object.apiVersion === 'iam.kubesphere.io/v1beta1' && object.kind === 'RoleTemplate',
        )
        .map((object) => roleTemplateOf(object)),
      installedAt: new Date().toISOString(),
    });
    this.resourceVersion += 1;
  }

  uninstall(name: string): void {
    this.installed.delete(name);
    this.resourceVersion += 1;
  }

  names(): string[] {
    return [...this.installed.keys()];
  }

  /** Every installed object of an extensions.kubesphere.io kind. */
  all(kind: string): ChartObject[] {
    return [...this.installed.values()].flatMap((entry) =>
      entry.objects.filter((object) => isKind(object, kind)),
    );
  }

  roleTemplates(): RoleTemplate[] {
    return [...this.installed.values()].flatMap((entry) => entry.roleTemplates);
  }

  /** The APIServices, their url's host resolved as the cluster's DNS would. */
  apiServices(resolve: (url: string) => string): ApiService[] {
    return this.all('APIService').map((object) => {
      const spec = object.spec ?? {};
      return {
        name: object.metadata.name,
        group: String(spec.group),
        version: String(spec.version),
        url: resolve(String(spec.url)),
        available: object.status?.state === 'Available',
      };
    });
  }

  /** The Extension objects: openpitrix (App Store) when installed, and every installed extension. */
  extensions(openpitrix: boolean): Record<string, unknown>[] {
    const extension = (
      name: string,
      version: string,
      displayName: Record<string, string>,
      since: string,
      enabled: boolean,
    ) => ({
      apiVersion: 'kubesphere.io/v1alpha1',
      kind: 'Extension',
      metadata: { name, resourceVersion: String(this.resourceVersion), creationTimestamp: since },
      spec: { displayName },
      status: enabled
        ? { state: 'Installed', enabled: true, plannedInstallVersion: version, installedVersion: version }
        : {},
    });
    const since = '2025-01-01T00:00:00Z';
    return [
      extension(
        'openpitrix',
        '2.0.1',
        { en: 'KubeSphere App Store', zh: 'KubeSphere 应用商店' },
        since,
        openpitrix,
      ),
      ...[...this.installed.values()].map(({ install, installedAt }) =>
        extension(
          install.name,
          install.version,
          install.displayName ?? { en: install.name },
          installedAt,
          true,
        ),
      ),
    ];
  }

  get listResourceVersion(): string {
    return String(this.resourceVersion);
  }
}
