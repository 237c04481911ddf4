import type en from '../en';
import adopt from './adopt';
import common from './common';
import details from './details';
import jobs from './jobs';
import messages from './messages';
import prune from './prune';
import verify from './verify';
import syncs from './syncs';
import wizard from './wizard';
import workspaces from './workspaces';

const zh: Record<keyof typeof en, string> = {
  ...common,
  ...messages,
  ...wizard,
  ...jobs,
  ...syncs,
  ...workspaces,
  ...details,
  ...prune,
  ...verify,
  ...adopt,
};

export default zh;
