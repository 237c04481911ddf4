import { apiPath, http } from './client';
import type { CreateJobRequest } from '@store-importer/backend/api-types';
import type { JobRecord } from './types';

export type { CreateJobRequest } from '@store-importer/backend/api-types';

export interface JobList {
  items: JobRecord[];
}

export interface ListJobsQuery {
  /** Only the jobs of this sync. */
  sync?: string;
  /** 1-500, default 50. */
  limit?: number;
}

export const jobsUrl = (): string => apiPath('jobs');
export const jobUrl = (id: string): string => apiPath('jobs', id);
export const cancelJobUrl = (id: string): string => apiPath('jobs', id, 'cancel');
export const jobEventsUrl = (id: string): string => apiPath('jobs', id, 'events');

/** Starts an import as the caller; answers 202 with the job, which runs in the background. */
export async function createJob(request: CreateJobRequest): Promise<JobRecord> {
  const response = await http.post<JobRecord>(jobsUrl(), request);
  return response.data;
}

/** Jobs, newest first. */
export async function listJobs(query: ListJobsQuery = {}, signal?: AbortSignal): Promise<JobRecord[]> {
  const params: Record<string, string> = {};
  if (query.sync !== undefined) params.sync = query.sync;
  if (query.limit !== undefined) params.limit = String(query.limit);
  const response = await http.get<JobList>(jobsUrl(), { params, signal });
  return response.data.items;
}

export async function getJob(id: string, signal?: AbortSignal): Promise<JobRecord> {
  const response = await http.get<JobRecord>(jobUrl(id), { signal });
  return response.data;
}

/** Stops the job between items; 409 (ApiError reason `Conflict`) when it already ended. */
export async function cancelJob(id: string): Promise<JobRecord> {
  const response = await http.post<JobRecord>(cancelJobUrl(id));
  return response.data;
}
