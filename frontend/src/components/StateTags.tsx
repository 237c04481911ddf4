// Status tags, one look for the same state everywhere (wizard, job page, history, syncs).
import { Tag } from '@kubed/components';
import type { ItemStatus, JobPhase } from '../api';

type TagColor = 'default' | 'secondary' | 'success' | 'warning' | 'error' | 'info';

function StateTag({ color, label, state }: { color: TagColor; label: string; state: string }) {
  return (
    <Tag color={color} data-state={state}>
      {label}
    </Tag>
  );
}

const PHASE_COLORS: Record<JobPhase, TagColor> = {
  Pending: 'default',
  Running: 'info',
  Succeeded: 'success',
  PartiallyFailed: 'warning',
  Failed: 'error',
  Cancelled: 'secondary',
};

export function phaseLabel(phase: JobPhase): string {
  switch (phase) {
    case 'Pending':
      return t('PHASE_PENDING');
    case 'Running':
      return t('PHASE_RUNNING');
    case 'Succeeded':
      return t('PHASE_SUCCEEDED');
    case 'PartiallyFailed':
      return t('PHASE_PARTIALLY_FAILED');
    case 'Failed':
      return t('PHASE_FAILED');
    case 'Cancelled':
      return t('PHASE_CANCELLED');
  }
}

/** A job's phase. */
export function JobPhaseTag({ phase }: { phase: JobPhase }) {
  return <StateTag color={PHASE_COLORS[phase]} label={phaseLabel(phase)} state={phase} />;
}

const ITEM_COLORS: Record<ItemStatus, TagColor> = {
  created: 'success',
  // Nothing to do: the same light grey as the preview's "already imported", not the dark default.
  exists: 'secondary',
  failed: 'error',
  planned: 'info',
};

export function itemStatusLabel(status: ItemStatus): string {
  switch (status) {
    case 'created':
      return t('ITEM_CREATED');
    case 'exists':
      return t('ITEM_EXISTS');
    case 'failed':
      return t('ITEM_FAILED');
    case 'planned':
      return t('ITEM_PLANNED');
  }
}

/** One chart version's outcome in a job. */
export function ItemStatusTag({ status }: { status: ItemStatus }) {
  return <StateTag color={ITEM_COLORS[status]} label={itemStatusLabel(status)} state={status} />;
}

/** The review states of a store app or version (ks-core's ReviewStatus*). */
export function storeStateLabel(state: string): string {
  switch (state) {
    case 'active':
      return t('STORE_STATE_ACTIVE');
    case 'draft':
      return t('STORE_STATE_DRAFT');
    case 'submitted':
      return t('STORE_STATE_SUBMITTED');
    case 'passed':
      return t('STORE_STATE_PASSED');
    case 'rejected':
      return t('STORE_STATE_REJECTED');
    case 'suspended':
      return t('STORE_STATE_SUSPENDED');
    default:
      return state === '' ? t('STORE_STATE_UNKNOWN') : state;
  }
}

const STORE_COLORS: Record<string, TagColor> = {
  active: 'success',
  passed: 'info',
  submitted: 'info',
  draft: 'default',
  rejected: 'error',
  suspended: 'warning',
};

/** A store app's or version's state, as App Store Management names it. */
export function StoreStateTag({ state }: { state: string }) {
  return <StateTag color={STORE_COLORS[state] ?? 'default'} label={storeStateLabel(state)} state={state} />;
}

/** "Too large": over the store's package limit; the importer slims it, which may fail. */
export function OverLimitTag() {
  return <StateTag color="warning" label={t('TAG_TOO_LARGE')} state="over-limit" />;
}

/** "Already imported": the store has it. */
export function InStoreTag() {
  return <StateTag color="secondary" label={t('TAG_IN_STORE')} state="in-store" />;
}

export function DeprecatedTag() {
  return <StateTag color="default" label={t('TAG_DEPRECATED')} state="deprecated" />;
}

/** "New": the store has no app for this chart yet; the import creates it. */
export function NewTag() {
  return <StateTag color="success" label={t('TAG_NEW')} state="new" />;
}
