// The requests the wizard sends: the job, and the review's preview of exactly that job. The
// API refuses unknown fields, so the preview is built field by field, never spread from the job.
import type { CategoryRule, CreateJobRequest, PreviewRequest } from '../../../api';
import { toSelection, type ImportOptions } from '../../../components/options';
import { toSourceRequest, type SourceValue } from '../../../components/source';
import { categoryMapping } from '../../../components/categories';
import { chartsForRequest, type ChartRow } from './model';

export interface WizardChoices {
  source: SourceValue;
  options: ImportOptions;
  rows: readonly ChartRow[];
  selected: ReadonlySet<string>;
  overrides: Readonly<Record<string, string>>;
  categoryRules: CategoryRule[] | undefined;
}

export function jobRequest({
  source,
  options,
  rows,
  selected,
  overrides,
  categoryRules,
}: WizardChoices): CreateJobRequest {
  const charts = chartsForRequest(selected, rows, options.includeDeprecated);
  const categories = categoryMapping(overrides, rows, selected);
  return {
    source: toSourceRequest(source),
    ...toSelection(options),
    ...(charts === undefined ? {} : { charts }),
    ...(categories === undefined ? {} : { categories }),
    ...(categoryRules === undefined ? {} : { categoryRules }),
  };
}

/** What the job would do, with the package size of every version it would upload. */
export function reviewRequest(job: CreateJobRequest): PreviewRequest {
  const { source, versions, charts, includeDeprecated, workspace, categories, categoryRules, prune } = job;
  return {
    source,
    versions,
    charts,
    includeDeprecated,
    workspace,
    categories,
    categoryRules,
    sizes: 'selected',
    // What the job would remove, and keep, of the versions the repository no longer lists.
    ...(prune === true ? { prune: true } : {}),
    // Which apps uploaded by hand the job would adopt.
    ...(job.adopt === true ? { adopt: true } : {}),
    // The policy the job applies (a preview downloads no package to check it).
    ...(job.verify === undefined ? {} : { verify: job.verify }),
  };
}
