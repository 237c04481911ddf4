// Where an imported app lives in the console. A released app of the global store is on the App
// Store's own page, `/apps/:appName` (@ks-console/appstore routes, which list only active apps).
// Anything else (a draft, an app in review, a workspace's app template) is only in App Store
// Management (openpitrix's apps-manage extension): `/apps-manage/store/:appName` for the global
// store, `/workspaces/:workspace/app-templates/:appName` for a workspace, both opening the app's
// versions; `?appType=helm` is what the store's own list appends for its "upload version" action.

export interface AppPlace {
  /** the job's workspace; none for the global store */
  workspace?: string;
  /** the job released its versions (publish: active) */
  released: boolean;
}

export function storeAppPath(app: string, { workspace, released }: AppPlace): string {
  const name = encodeURIComponent(app);
  if (workspace) return `/workspaces/${encodeURIComponent(workspace)}/app-templates/${name}?appType=helm`;
  return released ? `/apps/${name}` : `/apps-manage/store/${name}?appType=helm`;
}
