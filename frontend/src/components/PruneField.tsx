// The option that removes the store versions the repository no longer lists (the API's `prune`),
// in the wizard's options and the sync form: one switch and one line of explanation.
import type { ImportOptions } from './options';
import { SwitchField } from './SwitchField';

export interface PruneFieldProps {
  value: ImportOptions;
  onChange: (options: ImportOptions) => void;
  disabled?: boolean;
}

export function PruneField(props: PruneFieldProps) {
  return (
    <SwitchField
      {...props}
      option="prune"
      label={t('PRUNE_OPTION')}
      help={t('PRUNE_OPTION_DESC')}
      switchLabel={t('PRUNE_OPTION_LABEL')}
    />
  );
}
