import { Banner, Navs } from '@kubed/components';
import { Appcenter } from '@kubed/icons';
import { useRef, useState, type MouseEvent } from 'react';
import { QueryClientProvider, useQueryClient, type QueryClient } from 'react-query';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../routes/paths';
import { LeaveGuard } from './LeaveGuard';
import { WizardMemoryContext, type WizardMemory } from './wizard/memory';

/** Which tab a location belongs to: a job's page is part of the history. */
function tabOf(pathname: string): string {
  if (pathname.startsWith(paths.syncs)) return paths.syncs;
  if (pathname.startsWith(paths.history)) return paths.history;
  return paths.wizard;
}

/**
 * The console's QueryClient as it was when the page opened. Extension routes render inside the
 * console's QueryClientProvider (contextSharing), and 'react-query' is the console's own module,
 * so there always is one. But ks-console 4.1.1 makes a new client on every render of its App
 * (core/src/App.tsx: `new QueryClient` in the component body), which re-renders when its global
 * stores change (names loaded after sign-in, the header's navs), and react-query 3's hooks keep
 * the client they started with: a write's invalidation would reach a newer client than the list
 * on screen. Providing the first one again keeps every query and write of the page on one cache.
 */
function usePageQueryClient(): QueryClient {
  const current = useQueryClient();
  const [pinned] = useState(current);
  return pinned;
}

/**
 * The page frame: a Banner with the tabs, as App Store Management's pages have, and the tab's
 * content. It outlives its tabs, so it keeps the wizard's work while History or Syncs shows: the
 * Import tab leads back to it.
 */
export default function ImportFromRepo() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = usePageQueryClient();
  const wizardMemory = useRef<WizardMemory>();
  const tabPath = (value: string): string =>
    value === paths.wizard ? `${paths.wizard}${wizardMemory.current?.query ?? ''}` : value;
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
    <QueryClientProvider client={queryClient} contextSharing>
      <div data-testid="store-importer-page">
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
              navigate(tabPath(value));
            }}
          />
        </Banner>
        <WizardMemoryContext.Provider value={wizardMemory}>
          <Outlet />
        </WizardMemoryContext.Provider>
        <LeaveGuard
          unsaved={() => wizardMemory.current?.unsaved === true}
          onLeave={() => {
            wizardMemory.current = undefined;
          }}
        />
      </div>
    </QueryClientProvider>
  );
}
