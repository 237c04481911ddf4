import type { RouteObject } from 'react-router-dom';
import ImportFromRepo from '../pages/ImportFromRepo';
import JobHistory from '../pages/ImportFromRepo/history';
import JobDetail from '../pages/ImportFromRepo/jobs';
import SyncList from '../pages/ImportFromRepo/syncs';
import ImportWizard from '../pages/ImportFromRepo/wizard';
import { IMPORT_FROM_REPO_PATH } from './paths';

export { IMPORT_FROM_REPO_PATH, paths } from './paths';

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
