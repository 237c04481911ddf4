// The wizard's work in its address, so that the page's tabs, Back/Forward and a reload find it
// again. Each step is a history entry (Back goes to the previous step); other changes replace the
// entry, shortly after typing stops. Each entry is marked with the wizard instance that wrote it:
// Back or Forward to an entry of this instance only moves between steps, keeping what is chosen
// now (the entry may hold older options); any other address (a link, a reload, the Import tab)
// opens the wizard anew from it (see index.tsx). The credentials never go into the address: the
// page frame keeps them in memory (memory.ts), and a reload asks for them again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { NavigationType, useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { useWizardMemory, type WizardMemory } from './memory';
import { prefillQuery, readPrefill, wizardStepValues, type WizardPrefill, type WizardStep } from './prefill';

/** Typing writes the address this long after the last change: browsers throttle history writes. */
const WRITE_DELAY_MS = 300;

/** Which wizard instance wrote a history entry (its `state`). */
export function instanceOf(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('wizardInstance' in state)) return undefined;
  const { wizardInstance } = state;
  return typeof wizardInstance === 'string' ? wizardInstance : undefined;
}

export function newInstanceId(): string {
  return Math.random().toString(36).slice(2);
}

function stepOf(search: string): WizardStep | undefined {
  const step = new URLSearchParams(search).get('step');
  return wizardStepValues.find((candidate) => candidate === step);
}

export interface WizardAddress {
  /** What the wizard opens with; `secrets` were typed earlier for a source (frame memory). */
  opened: { prefill: WizardPrefill; secrets: WizardMemory['secrets'] };
  /** The step the address names, once Back or Forward moved within this wizard's entries. */
  step?: WizardStep;
  /** Writes the work into the address and the frame's memory. */
  save: (work: WizardPrefill, secrets: WizardMemory['secrets'], unsaved: boolean) => void;
  /** Forgets the work in the frame's memory: an import was started with it. */
  forget: () => void;
}

export function useWizardAddress(instance: string): WizardAddress {
  const location = useLocation();
  const navigate = useNavigate();
  const navigationType = useNavigationType();
  const memory = useWizardMemory();
  const [opened] = useState(() => {
    const remembered = memory.current;
    // The frame's memory holds the selection an address may have had to leave out.
    const same = remembered !== undefined && remembered.query === location.search;
    return {
      prefill: same ? remembered.work : readPrefill(location.search),
      secrets: remembered?.secrets,
    };
  });
  const owned = instanceOf(location.state) === instance;
  // Read when a delayed write runs, not when it was scheduled.
  const latest = useRef({ location, navigate, owned });
  latest.current = { location, navigate, owned };
  const timer = useRef<number>();

  const write = useCallback(
    (search: string, push: boolean) => {
      latest.current.navigate({ search }, { replace: !push, state: { wizardInstance: instance } });
    },
    [instance],
  );

  // The entry the wizard opened on becomes its own, so that a first step change adds an entry.
  useEffect(() => {
    if (!latest.current.owned) write(latest.current.location.search, false);
    return () => {
      window.clearTimeout(timer.current);
    };
  }, [write]);

  const save = useCallback(
    (work: WizardPrefill, secrets: WizardMemory['secrets'], unsaved: boolean) => {
      const query = prefillQuery(work);
      memory.current = { query, work, secrets, unsaved };
      window.clearTimeout(timer.current);
      const here = latest.current.location.search;
      if (query === here) return;
      if (latest.current.owned && stepOf(here) !== work.step) write(query, true);
      else
        timer.current = window.setTimeout(() => {
          write(query, false);
        }, WRITE_DELAY_MS);
    },
    [memory, write],
  );

  const forget = useCallback(() => {
    window.clearTimeout(timer.current);
    memory.current = undefined;
  }, [memory]);

  // Only Back/Forward moves the step: an address the wizard wrote itself follows its step already,
  // and following it too would swap step and address back and forth when both changed at once.
  const moved = navigationType === NavigationType.Pop;
  return { opened, step: owned && moved ? stepOf(location.search) : undefined, save, forget };
}
