// Keys are UPPER_SNAKE and identical in every language; placeholders are `{name}`. One file per
// part of the page, so each part's strings live next to each other.
import common from './common';
import details from './details';
import jobs from './jobs';
import messages from './messages';
import syncs from './syncs';
import wizard from './wizard';
import workspaces from './workspaces';

const en = { ...common, ...messages, ...wizard, ...jobs, ...syncs, ...workspaces, ...details };

export default en;
