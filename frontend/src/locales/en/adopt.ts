// Keys of the option that adopts apps uploaded by hand (adopt), in the wizard, the sync form, the
// review and the preview table; UPPER_SNAKE, placeholders are `{name}`.
const adopt = {
  ADOPT_OPTION: 'Apps uploaded by hand',
  ADOPT_OPTION_LABEL: 'Adopt apps uploaded by hand',
  ADOPT_OPTION_DESC:
    "A chart without an app of this importer's goes to the one app uploaded by hand for it (same chart name and target): its missing versions are added there, and its name, category and icon stay.",
  ADOPT_ROW_ADOPTED: 'adopts {app}, uploaded by hand',
  ADOPT_ROW_FOUND: 'in {app}, uploaded by hand and adopted before',
  ADOPT_REVIEW: 'Apps uploaded by hand',
  ADOPT_REVIEW_ADOPTING: 'Charts going to apps uploaded by hand ({count}): {charts}',
  ADOPT_REVIEW_NONE: 'Adopted when found; the store has none for these charts',
  ADOPT_REVIEW_CHART: '{chart} to {app}',
};

export default adopt;
