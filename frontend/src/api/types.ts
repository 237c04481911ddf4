// The API's shapes, from the contract generated out of backend/openapi/storeimporter.v1alpha1.yaml
// (types and enum values only; no backend code is bundled).
import {
  terminalJobPhaseValues,
  type CreateJobRequest,
  type ImportItem,
  type JobPhase,
} from '@store-importer/backend/contract';

export type {
  CategoryMapping,
  CategoryRule,
  CategorySource,
  ConfiguredRepoRef,
  ImportItem,
  ImportSource,
  ImportSpec,
  ImportSummary,
  JobChartStatus,
  JobPhase,
  JobRecord,
  JobStatus,
  Message,
  MessageCode,
  PublishMode,
  Remedy,
  SignaturePolicy,
  SignatureResult,
  SourceRequest,
  SuccessStatus,
  UnknownChart,
  UrlSourceRequest,
  VerifySettings,
  Versions,
} from '@store-importer/backend/contract';

/** One chart version's outcome: created, exists, failed, or planned (dry run). */
export type ItemStatus = ImportItem['status'];

/** What to import from a source. */
export type Selection = Pick<CreateJobRequest, 'versions' | 'charts' | 'includeDeprecated' | 'workspace'>;

export {
  publishModeValues,
  schemaLimits,
  signaturePolicyValues,
  terminalJobPhaseValues,
} from '@store-importer/backend/contract';

export function isTerminalPhase(phase: JobPhase): boolean {
  return (terminalJobPhaseValues as readonly JobPhase[]).includes(phase);
}
