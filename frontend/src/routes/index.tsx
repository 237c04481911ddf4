import type { RouteObject } from 'react-router-dom';
import ImportFromRepo from '../pages/ImportFromRepo';
import JobHistory from '../pages/ImportFromRepo/history';
import JobDetail from '../pages/ImportFromRepo/jobs';
import SyncList from '../pages/ImportFromRepo/syncs';
import ImportWizard from '../pages/ImportFromRepo/wizard';

/** Under App Store Management's `/apps-manage`, next to its own pages. */
export const IMPORT_FROM_REPO_PATH = '/apps-manage/store-importer';

/** Links inside the page; a job's URL carries its id, so a reload finds the job again. */
export const paths = {
  wizard: IMPORT_FROM_REPO_PATH,
  history: `${IMPORT_FROM_REPO_PATH}/jobs`,
  job: (id: string) => `${IMPORT_FROM_REPO_PATH}/jobs/${encodeURIComponent(id)}`,
  syncs: `${IMPORT_FROM_REPO_PATH}/syncs`,
};

const routes: RouteObject[] = [
  {
    path: IMPORT_FROM_REPO_PATH,
    element: <ImportFromRepo />,
    children: [
      { index: true, element: <ImportWizard /> },
      { path: 'jobs', element: <JobHistory /> },
      { path: 'jobs/:jobId', element: <JobDetail /> },
      { path: 'syncs', element: <SyncList /> },
    ],
  },
];

export default routes;
