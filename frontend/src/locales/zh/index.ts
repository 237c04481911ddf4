import type en from '../en';
import common from './common';
import jobs from './jobs';
import syncs from './syncs';
import wizard from './wizard';

const zh: Record<keyof typeof en, string> = { ...common, ...wizard, ...jobs, ...syncs };

export default zh;
