import { Banner, Navs } from '@kubed/components';
import { Appcenter } from '@kubed/icons';
import type { MouseEvent } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../routes/paths';

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
  const tab = (label: string, value: string) => ({ label: <span data-tab={value}>{label}</span>, value });
  const tabs = [
    tab(t('TAB_IMPORT'), paths.wizard),
    tab(t('TAB_HISTORY'), paths.history),
    tab(t('TAB_SYNCS'), paths.syncs),
  ];
  // Navs only reports a change of tab; on a job's page (part of History) a click on History
  // must still lead back to the list.
  const onTabClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target.closest('[data-tab]') : null;
    const value = target?.getAttribute('data-tab');
    if (value && value === tabOf(location.pathname) && value !== location.pathname) navigate(value);
  };
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
          onClick={onTabClick}
          onChange={(value: string) => {
            navigate(value);
          }}
        />
      </Banner>
      <Outlet />
    </div>
  );
}
