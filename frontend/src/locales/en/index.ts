// Keys are UPPER_SNAKE and identical in every language; placeholders are `{name}`. One file per
// part of the page, so each part's strings live next to each other.
import common from './common';
import jobs from './jobs';
import syncs from './syncs';
import wizard from './wizard';

const en = { ...common, ...wizard, ...jobs, ...syncs };

export default en;
