// Repository selection + store state -> what to do for each chart. Pure.
import { say } from '../messages/index.js';
import type { ChartVersionRef } from '../repo/types.js';
import { storedVersionFinder, unstorableReason, versionObjectName } from '../store/dialect.js';
import { appNameFor } from '../store/names.js';
import type { StoreApp, StoreDialect, StoreVersion } from '../store/types.js';
import { decideAdoption, uploadedByHand } from './adopt.js';
import { decideCategory, type CategoryDecision, type CategoryPolicy, type CategoryRule } from './category.js';
import type { SelectedChart, SelectionResult } from './select.js';
import type { ChartPlan, ImportPlan, VersionPlan } from './types.js';

export interface StoreSnapshot {
  /** Apps of the target scope, by name. */
  apps: Map<string, StoreApp>;
  /** Versions of the apps that exist, by app name. */
  versions: Map<string, StoreVersion[]>;
  /** By chart without its own app: apps uploaded by hand that may hold it (adopt.ts); their versions are in `versions`. */
  candidates?: Map<string, StoreApp[]>;
}

export interface PlanContext {
  repoUrl: string;
  workspace: string | undefined;
  /** How the server names versions (store/dialect.ts). */
  dialect: StoreDialect;
  /** Store category (display name or object name) by chart name, over the charts' own annotations. */
  categories?: ReadonlyMap<string, string>;
  /** After the charts' annotations: the first that matches a chart decides its category. */
  categoryRules?: readonly CategoryRule[];
  /** Adopt apps uploaded by hand (adopt.ts): a chart without its own app goes to the one such app. */
  adopt?: boolean;
  /** Every version the repository lists, by chart: an app adopted before is found by their digests. */
  entries?: ReadonlyMap<string, readonly ChartVersionRef[]>;
}

/**
 * A version still to be finished: a draft, or no state at all, which is what ks-core leaves when
 * the package upload fails after the version object was created (helper.go CreateOrUpdateAppVersion).
 */
export function isUnfinished(state: string): boolean {
  return state === 'draft' || state === '';
}

/** The category a selected chart goes to, and why, from its newest selected version. */
export function selectedChartCategory({ versions }: SelectedChart, policy: CategoryPolicy): CategoryDecision {
  const newest = versions.at(-1);
  return newest ? decideCategory(newest, policy) : { source: { kind: 'none' } };
}

export function planImport(
  selection: SelectionResult,
  store: StoreSnapshot,
  context: PlanContext,
): ImportPlan {
  const warnings = [...selection.warnings];
  const charts = selection.charts.map((selected): ChartPlan => {
    const { chart, versions } = selected;
    const ownName = appNameFor({ repoUrl: context.repoUrl, chartName: chart, workspace: context.workspace });
    const { category, source: categorySource } = selectedChartCategory(selected, context);
    // A chart without its own app may go to an app uploaded by hand (adopt.ts).
    const adoption = store.apps.has(ownName)
      ? { warnings: [] }
      : decideAdoption({
          chart,
          refs: context.entries?.get(chart) ?? versions,
          candidates: store.candidates?.get(chart) ?? [],
          versionsOf: (name) => store.versions.get(name) ?? [],
          adopt: context.adopt === true,
        });
    warnings.push(...adoption.warnings);
    if (adoption.blocked) {
      const blocked = adoption.blocked;
      const refs = versions.map((ref): VersionPlan => ({ ref, action: 'create' }));
      return { chart, appName: '', category, categorySource, versions: refs, storeVersions: [], blocked };
    }
    const appName = adoption.app?.name ?? ownName;
    const app = adoption.app ?? store.apps.get(appName);
    // An adopted app recorded the chart its own way (adopt.ts recordsChart).
    if (app && !adoption.app && app.originalName !== '' && app.originalName !== chart) {
      return {
        chart,
        appName,
        category,
        categorySource,
        app,
        versions: versions.map((ref) => ({ ref, action: 'create' })),
        storeVersions: [],
        blocked: say('chart-held-by-other', { app: appName, held: app.originalName, chart }),
      };
    }
    const existing = store.versions.get(appName) ?? [];
    const { rules } = context.dialect;
    const storedVersion = storedVersionFinder(rules, existing, appName);
    /** Object name -> the version that has it: before 4.1.3, `1.0.0+b` and `1.0.0-b` share one. */
    const named = new Map<string, string>();
    const planned = versions.map((ref): VersionPlan => {
      const objectName = versionObjectName(rules, appName, ref.version);
      const holder = named.get(objectName);
      if (holder === undefined) named.set(objectName, ref.version);
      const refused =
        unstorableReason(context.dialect, appName, ref.version) ??
        (holder === undefined
          ? undefined
          : say('version-name-clash', {
              server: context.dialect.serverVersion ?? rules,
              holder,
              version: ref.version,
              name: objectName,
            }));
      if (refused) return { ref, action: 'create', refused };
      const found = storedVersion(ref.version, ref.digest);
      if (!found) return { ref, action: 'create' };
      const leftAlone = adoption.app !== undefined && uploadedByHand(found);
      return { ref, action: isUnfinished(found.state) && !leftAlone ? 'resume' : 'exists', existing: found };
    });
    return {
      chart,
      appName,
      category,
      categorySource,
      app,
      versions: planned,
      storeVersions: existing,
      ...(adoption.how ? { adoption: adoption.how } : {}),
    };
  });
  return { charts, missingCharts: selection.missingCharts, warnings };
}
