import { Banner, Navs } from '@kubed/components';
import { Appcenter } from '@kubed/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../routes';

/** Which tab a location belongs to: a job's page is part of the history. */
function tabOf(pathname: string): string {
  if (pathname.startsWith(paths.syncs)) return paths.syncs;
  if (pathname.startsWith(paths.history)) return paths.history;
  return paths.wizard;
}

/** The page frame: a Banner with the tabs, as App Store Management's pages have, and the tab's content. */
export default function ImportFromRepo() {
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { label: t('TAB_IMPORT'), value: paths.wizard },
    { label: t('TAB_HISTORY'), value: paths.history },
    { label: t('TAB_SYNCS'), value: paths.syncs },
  ];
  return (
    <div>
      <Banner
        icon={<Appcenter />}
        title={t('IMPORT_FROM_REPO_TITLE')}
        description={t('IMPORT_FROM_REPO_DESC')}
      >
        <Navs
          data={tabs}
          value={tabOf(location.pathname)}
          onChange={(value: string) => {
            navigate(value);
          }}
        />
      </Banner>
      <Outlet />
    </div>
  );
}
