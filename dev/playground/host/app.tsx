// The providers the console wraps every page in (kubesphere/console packages/core/src/App.tsx):
// react-query's QueryClientProvider (contextSharing, the same default options), BrowserRouter,
// KubedConfigProvider (light theme, the user's language), CssBaseline, the console's global
// styles and Notify (kube-design's toasts, which extensions call through `notify`).
import { CssBaseline, KubedConfigProvider, Notify } from '@kubed/components';
import { useMemo } from 'react';
import { QueryClient, QueryClientProvider } from 'react-query';
import { BrowserRouter, Navigate, useLocation, useRoutes, type RouteObject } from 'react-router-dom';
import styled, { createGlobalStyle } from 'styled-components';

import { Frame } from './frame.js';
import type { Lang } from './globals.js';
import { menuLink, type ExtensionMenu } from './menus.js';

/** The part of packages/core/src/components/GlobalStyles that sets page colours and type. */
const GlobalStyles = createGlobalStyle`
  html,
  body {
    background-color: #eff4f9;
    color: #242e42;
    line-height: 1.67;
    height: 100%;
  }
  #root {
    height: 100%;
  }
  a {
    color: #242e42;
    &:hover {
      color: #55bc8a;
    }
  }
  ul, li {
    margin: 0;
    padding: 0;
  }
  strong {
    font-weight: 500;
  }
`;

const Card = styled.div`
  padding: 20px;
  border-radius: 4px;
  background: #fff;
  h2 {
    margin: 0 0 8px;
    font-size: 16px;
  }
`;

function Home({ navs }: { navs: ExtensionMenu[] }) {
  const first = navs[0];
  if (first) return <Navigate to={menuLink(first)} replace />;
  return (
    <Card data-testid="playground-home">
      <h2>{t('PLAYGROUND_HOME_TITLE')}</h2>
      <p>{t('PLAYGROUND_HOME_DESC')}</p>
      <p>{t('PLAYGROUND_NO_MENUS')}</p>
    </Card>
  );
}

/** The console's NotFound for paths no route takes (links into other console pages land here). */
function NotHere() {
  const location = useLocation();
  return (
    <Card data-testid="playground-not-here">
      <p>{t('PLAYGROUND_NOT_HERE', { path: location.pathname })}</p>
      <a href="/">{t('PLAYGROUND_GO_HOME')}</a>
    </Card>
  );
}

export interface AppProps {
  routes: RouteObject[];
  navs: ExtensionMenu[];
  lang: Lang;
  username: string;
}

/** The console's Pages: extension routes are children of the layout route at `/` (BaseLayout). */
function Pages({ routes, navs, lang, username }: AppProps) {
  return useRoutes([
    {
      path: '/',
      element: <Frame navs={navs} lang={lang} username={username} />,
      children: [
        ...routes,
        { index: true, element: <Home navs={navs} /> },
        { path: '*', element: <NotHere /> },
      ],
    },
  ]);
}

export function App(props: AppProps) {
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 100 * 5, retry: false } },
      }),
    [],
  );
  return (
    <QueryClientProvider contextSharing={true} client={queryClient}>
      <BrowserRouter>
        <KubedConfigProvider themeType="light" locale={props.lang}>
          <CssBaseline />
          <GlobalStyles />
          <Pages {...props} />
          <Notify position="top-right" />
        </KubedConfigProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
