// An import option that is one switch with one line of explanation (PruneField, AdoptField), in
// the wizard's options and the sync form. The switch's test id is the option's name.
import { Switch } from '@kubed/components';
import { FormField } from './FormField';
import type { ImportOptions } from './options';

/** The options that are a switch: absent means off. */
export type SwitchOption = 'prune' | 'adopt';

export interface SwitchFieldProps {
  value: ImportOptions;
  onChange: (options: ImportOptions) => void;
  disabled?: boolean;
  option: SwitchOption;
  /** The field's label, the line under it, and the switch's own label. */
  label: string;
  help: string;
  switchLabel: string;
}

export function SwitchField({
  value,
  onChange,
  disabled,
  option,
  label,
  help,
  switchLabel,
}: SwitchFieldProps) {
  return (
    <FormField label={label} help={help}>
      <Switch
        data-testid={option}
        label={switchLabel}
        checked={value[option] === true}
        disabled={disabled}
        onChange={(checked: boolean) => {
          onChange({ ...value, [option]: checked });
        }}
      />
    </FormField>
  );
}
