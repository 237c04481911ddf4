// Where an imported app lives in the console. These are App Store Management's own routes
// (openpitrix's apps-manage extension, and the console's OPAppTable links to the same paths):
// `/apps-manage/store/:appName` for the global store, `/workspaces/:workspace/app-templates/:appName`
// for a workspace's app templates. Both open the app's versions tab. `?appType=helm` is what the
// store's own list appends: the detail page keeps it for its "upload version" action.

export function storeAppPath(app: string, workspace?: string): string {
  const name = encodeURIComponent(app);
  const base = workspace
    ? `/workspaces/${encodeURIComponent(workspace)}/app-templates/${name}`
    : `/apps-manage/store/${name}`;
  return `${base}?appType=helm`;
}
