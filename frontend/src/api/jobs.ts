import type { JobRecord } from '@store-importer/backend/contract';
import { apiPath, http, type QueryOf, type RequestBody, type SuccessBody } from './client';

export type { CreateJobRequest, JobItemEvent, JobWarningEvent } from '@store-importer/backend/contract';

export type ListJobsQuery = QueryOf<'listJobs'>;

export const jobsUrl = (): string => apiPath('jobs');
export const jobUrl = (id: string): string => apiPath('jobs', id);
export const cancelJobUrl = (id: string): string => apiPath('jobs', id, 'cancel');
export const jobEventsUrl = (id: string): string => apiPath('jobs', id, 'events');

/** Starts an import as the caller; answers 202 with the job, which runs in the background. */
export async function createJob(request: RequestBody<'createJob'>): Promise<SuccessBody<'createJob'>> {
  const response = await http.post<SuccessBody<'createJob'>>(jobsUrl(), request);
  return response.data;
}

/** Jobs, newest first. */
export async function listJobs(query: ListJobsQuery = {}, signal?: AbortSignal): Promise<JobRecord[]> {
  const response = await http.get<SuccessBody<'listJobs'>>(jobsUrl(), { params: query, signal });
  return response.data.items;
}

export async function getJob(id: string, signal?: AbortSignal): Promise<SuccessBody<'getJob'>> {
  const response = await http.get<SuccessBody<'getJob'>>(jobUrl(id), { signal });
  return response.data;
}

/** Stops the job between items; 409 (ApiError reason `Conflict`) when it already ended. */
export async function cancelJob(id: string): Promise<SuccessBody<'cancelJob'>> {
  const response = await http.post<SuccessBody<'cancelJob'>>(cancelJobUrl(id));
  return response.data;
}
