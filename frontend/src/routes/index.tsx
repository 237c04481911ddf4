import type { RouteObject } from 'react-router-dom';
import ImportFromRepo from '../pages/ImportFromRepo';

/** Under App Store Management's `/apps-manage`, next to its own pages. */
export const IMPORT_FROM_REPO_PATH = '/apps-manage/store-importer';

const routes: RouteObject[] = [{ path: IMPORT_FROM_REPO_PATH, element: <ImportFromRepo /> }];

export default routes;
