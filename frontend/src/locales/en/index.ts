// Keys are UPPER_SNAKE and identical in every language; placeholders are `{name}`. One file per
// part of the page, so each part's strings live next to each other.
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

const en = {
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

export default en;
