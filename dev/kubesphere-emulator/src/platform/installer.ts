// What ks-core's installer hands Helm when it installs an extension (HostOnly: the host cluster),
// for whoever renders the extension as a cluster would (the playground, the packaging tests):
//   pkg/controller/core/installplan_controller.go: the release is the extension's name, in the
//     namespace extension-<name> unless the ExtensionVersion names one; getOverrides:
//     tags.extension=true, tags.agent=false, global.portal.url, global.clusterInfo.name/role (cluster
//     agents only), global.imageRegistry and global.nodeSelector.<key> (dots escaped) from the
//     ks-core configuration's `extension` section;
//   staging/src/kubesphere.io/utils/helm/executor.go: one `--set` with the overrides joined by commas
//     (so `true` or `1` arrive typed, not as strings), the Install dialog's configuration as values.

export interface InstallerSettings {
  /** ks-core `extension.imageRegistry` */
  imageRegistry?: string;
  /** ks-core `extension.nodeSelector` */
  nodeSelector?: Record<string, string>;
  /** set only when installing a cluster agent; a host-only extension's chart must render without */
  clusterInfo?: { name: string; role: 'host' | 'member' };
  portalURL?: string;
}

export function installerNamespace(extension: string): string {
  return `extension-${extension}`;
}

/** The `--set` arguments of the installer's helm call. */
export function installerHelmArgs(settings: InstallerSettings = {}): string[] {
  const overrides = ['tags.extension=true', 'tags.agent=false'];
  if (settings.portalURL) overrides.push(`global.portal.url=${settings.portalURL}`);
  if (settings.clusterInfo)
    overrides.push(
      `global.clusterInfo.name=${settings.clusterInfo.name}`,
      `global.clusterInfo.role=${settings.clusterInfo.role}`,
    );
  if (settings.imageRegistry) overrides.push(`global.imageRegistry=${settings.imageRegistry}`);
  for (const [key, value] of Object.entries(settings.nodeSelector ?? {}))
    overrides.push(`global.nodeSelector.${key.replaceAll('.', '\\.')}=${value}`);
  return ['--set', overrides.join(',')];
}
