// Keys of the wizard part of the page; UPPER_SNAKE, placeholders are `{name}`.
const wizard = { STEP_SOURCE: 'Source' };

export default wizard;
