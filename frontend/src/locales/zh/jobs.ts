import type jobs from '../en/jobs';

const zhJobs: Record<keyof typeof jobs, string> = { JOB_TITLE: '导入 {id}' };

export default zhJobs;
