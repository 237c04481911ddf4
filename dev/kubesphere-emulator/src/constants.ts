// Label, annotation and state constants, copied verbatim from ks-core release-4.1:
//   staging/src/kubesphere.io/api/application/v2/constants.go
//   pkg/constants/constants.go (WorkspaceLabelKey, DisplayNameAnnotationKey, DescriptionAnnotationKey)

export const API_GROUP = 'application.kubesphere.io';
export const API_VERSION = `${API_GROUP}/v2`;
export const API_BASE = `/kapis/${API_GROUP}/v2`;

// staging/src/kubesphere.io/api/application/v2/constants.go
export const RepoIDLabelKey = 'application.kubesphere.io/repo-name';
export const AppIDLabelKey = 'application.kubesphere.io/app-id';
export const AppOriginalNameLabelKey = 'application.kubesphere.io/app-originalName';
export const AppVersionIDLabelKey = 'application.kubesphere.io/appversion-id';
export const AppTypeLabelKey = 'application.kubesphere.io/app-type';
export const HasCrdLabelKey = 'application.kubesphere.io/hascrd';
export const AppStoreLabelKey = 'application.kubesphere.io/app-store';
export const AppCategoryNameKey = 'application.kubesphere.io/app-category-name';
export const LatestAppVersionKey = 'application.kubesphere.io/latest-app-version';
export const AppMaintainersKey = 'application.kubesphere.io/app-maintainers';
export const UncategorizedCategoryID = 'kubesphere-app-uncategorized';
export const AppTypeHelm = 'helm';
export const UploadRepoKey = 'upload';
export const ApplicationNamespace = 'extension-openpitrix';
export const CleanupFinalizer = 'application.kubesphere.io/cleanup';
export const SystemWorkspace = 'system-workspace';
export const StatusManualTrigger = 'manualTrigger';

export const ReviewStatusDraft = 'draft';
export const ReviewStatusSubmitted = 'submitted';
export const ReviewStatusPassed = 'passed';
export const ReviewStatusRejected = 'rejected';
export const ReviewStatusSuspended = 'suspended';
export const ReviewStatusActive = 'active';

// pkg/constants/constants.go
export const WorkspaceLabelKey = 'kubesphere.io/workspace';
export const DisplayNameAnnotationKey = 'kubesphere.io/alias-name';
export const DescriptionAnnotationKey = 'kubesphere.io/description';

// pkg/controller/application/appcategory_controller.go: categoryFinalizer
export const CategoryFinalizer = 'categories.application.kubesphere.io';

// pkg/kapis/application/v2/handler_app.go: maxFileSize
export const MaxFileSize = 1 * 1024 * 1024;
