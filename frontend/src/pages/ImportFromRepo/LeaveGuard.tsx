// Asks before the page is left while the wizard holds choices that leaving would lose.
//
// Not react-router's useBlocker: ks-console 4.1.1 renders its routes in a <BrowserRouter>
// (core/App.tsx), and useBlocker / unstable_useBlocker only work in a data router (they throw
// outside one); the history of a BrowserRouter has no block() since react-router 6.4 either. So:
// - the page's own tabs lose nothing (the frame keeps the wizard's work), so they never ask;
// - closing or reloading the browser tab asks through `beforeunload` (the browser's own dialog);
// - a click on a link that leads out of the page (the console's header and menus are <a> links)
//   is caught in the capture phase, before the console's <Link> handles it, and confirmed here;
// - Back past the page cannot be held (popstate is not cancellable), but the wizard's address
//   keeps its choices: Forward brings them back, credentials aside.
import { Modal } from '@kubed/components';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { IMPORT_FROM_REPO_PATH } from '../../routes/paths';
import { DialogText } from './jobs/layout';

function insidePage(pathname: string): boolean {
  return pathname === IMPORT_FROM_REPO_PATH || pathname.startsWith(`${IMPORT_FROM_REPO_PATH}/`);
}

/** The in-app address a plain left click on a link leads to outside this page; else undefined. */
function leavingLink(event: MouseEvent): string | undefined {
  if (event.defaultPrevented || event.button !== 0) return undefined;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return undefined;
  if (anchor.target !== '' && anchor.target !== '_self') return undefined;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || insidePage(url.pathname)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface LeaveGuardProps {
  /** Read when the page is about to be left. */
  unsaved: () => boolean;
  /** The user chose to leave: drop what would be lost. */
  onLeave: () => void;
}

export function LeaveGuard({ unsaved, onLeave }: LeaveGuardProps) {
  const navigate = useNavigate();
  const [leavingTo, setLeavingTo] = useState<string>();
  const latest = useRef(unsaved);
  latest.current = unsaved;

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent): void => {
      if (!latest.current()) return;
      event.preventDefault();
    };
    const click = (event: MouseEvent): void => {
      const to = leavingLink(event);
      if (to === undefined || !latest.current()) return;
      event.preventDefault();
      event.stopPropagation();
      setLeavingTo(to);
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, []);

  if (leavingTo === undefined) return null;
  return (
    <Modal
      visible
      width={520}
      title={t('WIZARD_LEAVE_TITLE')}
      okText={t('WIZARD_LEAVE')}
      cancelText={t('WIZARD_STAY')}
      onOk={() => {
        onLeave();
        setLeavingTo(undefined);
        navigate(leavingTo);
      }}
      onCancel={() => {
        setLeavingTo(undefined);
      }}
      wrapProps={{ 'data-testid': 'leave-dialog' }}
    >
      <DialogText>
        <p>{t('WIZARD_LEAVE_DESC')}</p>
      </DialogText>
    </Modal>
  );
}
