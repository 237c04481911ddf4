// Names KubeSphere gives meaning to, shared by the store client and the workspace check
// (kubesphere.io/api/application/v2 and pkg/constants).
export const LABEL_WORKSPACE = 'kubesphere.io/workspace';
export const LABEL_CATEGORY = 'application.kubesphere.io/app-category-name';
export const ANNOTATION_ALIAS = 'kubesphere.io/alias-name';
export const ANNOTATION_ORIGINAL_NAME = 'application.kubesphere.io/app-originalName';
export const ANNOTATION_LATEST_VERSION = 'application.kubesphere.io/latest-app-version';
/** An ApplicationRelease's version (appv2.AppVersionIDLabelKey), set from spec.appVersionID. */
export const LABEL_APP_VERSION_ID = 'application.kubesphere.io/appversion-id';
/**
 * KubeSphere's own workspace: Helm repo sources, and 4.1.3's versions added without a workspace,
 * live here (appv2.SystemWorkspace); it is no import target.
 */
export const SYSTEM_WORKSPACE = 'system-workspace';
