// Keys of the jobs part of the page; UPPER_SNAKE, placeholders are `{name}`.
const jobs = { JOB_TITLE: 'Import {id}' };

export default jobs;
