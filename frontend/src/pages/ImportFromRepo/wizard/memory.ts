// What the page frame keeps of the wizard while another tab shows (the wizard itself unmounts): its
// address, its full address state (the address may have had to leave the selection out), and the
// credentials typed, in memory only, so that History or Syncs and back loses nothing.
import { createContext, useContext, type MutableRefObject } from 'react';
import type { SourceSecrets } from './fromPrefill';
import type { WizardPrefill } from './prefill';

export interface WizardMemory {
  /** The wizard's query string (`?step=...`), where the Import tab leads back to. */
  query: string;
  /** The address state, selection included even when the query had to leave it out. */
  work: WizardPrefill;
  /** The credentials and CA typed, with the repository URL they were typed for. */
  secrets?: { url: string; secrets: SourceSecrets };
  /** Choices that leaving the page would lose: a source entered and no import started with it. */
  unsaved: boolean;
}

export type WizardMemoryRef = MutableRefObject<WizardMemory | undefined>;

/** The frame provides its own; this default only serves a wizard rendered outside the frame. */
export const WizardMemoryContext = createContext<WizardMemoryRef>({ current: undefined });

export function useWizardMemory(): WizardMemoryRef {
  return useContext(WizardMemoryContext);
}
