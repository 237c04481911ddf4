// The console-like frame around extension pages: a top bar (name, language switch, user) and a
// left nav of the visible `global` menu entries. Layout only; the console's own header differs.
import * as Icons from '@kubed/icons';
import type { ComponentType } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import styled from 'styled-components';

import { LANGS, type Lang } from './globals.js';
import { menuLink, type ExtensionMenu } from './menus.js';

const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '简体中文' };

const TopBar = styled.header`
  position: fixed;
  top: 0;
  left: 0;
  right: 0;
  z-index: 200;
  height: 56px;
  display: flex;
  align-items: center;
  gap: 16px;
  padding: 0 20px;
  background: #242e42;
  color: #fff;
  box-shadow: 0 4px 8px 0 rgba(36, 46, 66, 0.06);
`;

const Brand = styled.div`
  font-size: 16px;
  font-weight: 600;
  flex: 1;
  small {
    margin-left: 8px;
    padding: 1px 6px;
    border-radius: 2px;
    background: #55bc8a;
    font-size: 12px;
    font-weight: 400;
  }
`;

const LangButton = styled.button<{ $active: boolean }>`
  border: 0;
  background: none;
  cursor: pointer;
  color: ${({ $active }) => ($active ? '#55bc8a' : '#d8dee5')};
  font-weight: ${({ $active }) => ($active ? 600 : 400)};
`;

const Side = styled.nav`
  position: fixed;
  top: 76px;
  left: 20px;
  width: 220px;
  padding: 12px 0;
  border-radius: 4px;
  background: #fff;
  box-shadow: 0 4px 8px 0 rgba(36, 46, 66, 0.06);
  h3 {
    margin: 0 0 8px;
    padding: 0 20px;
    font-size: 12px;
    color: #79879c;
  }
  a {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 20px;
    color: #242e42;
    font-weight: 500;
  }
  a.active {
    color: #55bc8a;
    background: #f9fbfd;
  }
`;

const Main = styled.main`
  padding: 76px 20px 20px 260px;
  min-width: 1164px;
`;

function MenuIcon({ name }: { name: string | undefined }) {
  const key = (name ?? '').replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );
  const Icon = (Icons as unknown as Record<string, ComponentType<{ size?: number }> | undefined>)[key];
  return Icon ? <Icon size={20} /> : null;
}

/** Sets the language as the console does (a `lang` cookie) and reloads, as its user settings do. */
function switchLanguage(lang: Lang): void {
  document.cookie = `lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  window.location.reload();
}

export function Frame({ navs, lang, username }: { navs: ExtensionMenu[]; lang: Lang; username: string }) {
  return (
    <>
      <TopBar>
        <Brand>
          KubeSphere<small>{t('PLAYGROUND_NAME')}</small>
        </Brand>
        <span>{t('PLAYGROUND_LANGUAGE')}:</span>
        {LANGS.map((item) => (
          <LangButton
            key={item}
            type="button"
            data-testid={`lang-${item}`}
            $active={item === lang}
            onClick={() => {
              if (item !== lang) switchLanguage(item);
            }}
          >
            {LANG_NAMES[item]}
          </LangButton>
        ))}
        <span data-testid="user">{username}</span>
      </TopBar>
      <Side aria-label={t('PLAYGROUND_PLATFORM')}>
        <h3>{t('PLAYGROUND_PLATFORM')}</h3>
        {navs.map((nav) => (
          <NavLink key={nav.name} to={menuLink(nav)} data-testid={`nav-${nav.name}`}>
            <MenuIcon name={nav.icon} />
            {t(nav.title)}
          </NavLink>
        ))}
      </Side>
      <Main>
        <Outlet />
      </Main>
    </>
  );
}
