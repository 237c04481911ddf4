// The CR shapes the emulator stores, field for field (and in Go field order) from ks-core release-4.1
// staging/src/kubesphere.io/api/application/v2/{application,applicationversion,category,repo}_types.go
// and k8s.io/apimachinery metav1.ObjectMeta / OwnerReference.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface KObject {
  metadata: ObjectMeta;
}

export interface Maintainer {
  name?: string;
  email?: string;
  url?: string;
}

export interface GroupVersionResource {
  Group?: string;
  Version?: string;
  Resource?: string;
  Name?: string;
  Desc?: string;
  ParentNode?: string;
}

export interface Application extends KObject {
  spec: {
    appHome?: string;
    appType?: string;
    icon?: string;
    abstraction?: string;
    attachments?: string[];
    resources?: GroupVersionResource[];
  };
  status: { state?: string; updateTime: string | null };
}

export interface ApplicationVersion extends KObject {
  spec: {
    versionName: string;
    appHome?: string;
    icon?: string;
    created?: string;
    digest?: string;
    appType?: string;
    maintainer?: Maintainer[];
    pullUrl?: string;
  };
  status: { state?: string; message?: string; userName?: string; updated?: string };
}

export interface Category extends KObject {
  spec: { icon?: string };
  status: { total: number };
}

export interface RepoCredential {
  username?: string;
  password?: string;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  insecureSkipTLSVerify?: boolean;
}

export interface Repo extends KObject {
  spec: {
    url: string;
    credential: RepoCredential;
    description?: string;
    /** `*int` (v4.1.3: null when unset) or `int,omitempty` (v4.1.1, v4.1.2: absent when 0) */
    syncPeriod?: number | null;
  };
  status: { lastUpdateTime?: string | null; state?: string };
}

/** applicationrelease_types.go (cluster-scoped); values and real-time resources are not kept */
export interface ApplicationRelease extends KObject {
  spec: { appID: string; appVersionID: string; appType?: string };
  status: { state: string; lastUpdate?: string };
}

export type Kind = 'Application' | 'ApplicationVersion' | 'ApplicationRelease' | 'Category' | 'Repo';
