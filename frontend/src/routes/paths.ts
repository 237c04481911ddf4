// The page's URLs, apart from the route table so that pages can link without importing it.

/** Under App Store Management's `/apps-manage`, next to its own pages. */
export const IMPORT_FROM_REPO_PATH = '/apps-manage/store-importer';

/** Links inside the page; a job's URL carries its id, so a reload finds the job again. */
export const paths = {
  wizard: IMPORT_FROM_REPO_PATH,
  history: `${IMPORT_FROM_REPO_PATH}/jobs`,
  job: (id: string) => `${IMPORT_FROM_REPO_PATH}/jobs/${encodeURIComponent(id)}`,
  syncs: `${IMPORT_FROM_REPO_PATH}/syncs`,
};
