// Keys of the syncs part of the page; UPPER_SNAKE, placeholders are `{name}`.
const syncs = { SYNCS_EMPTY: 'No scheduled sync yet.' };

export default syncs;
