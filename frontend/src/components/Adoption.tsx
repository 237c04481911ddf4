// Apps uploaded by hand that an import adopts (the API's `adopt`): the option in the wizard and
// the sync form (one switch and one line of explanation), and a chart row's adopted app.
import { asText } from '../i18n';
import type { ImportOptions } from './options';
import { SwitchField } from './SwitchField';

export interface AdoptFieldProps {
  value: ImportOptions;
  onChange: (options: ImportOptions) => void;
  disabled?: boolean;
}

export function AdoptField(props: AdoptFieldProps) {
  return (
    <SwitchField
      {...props}
      option="adopt"
      label={t('ADOPT_OPTION')}
      help={t('ADOPT_OPTION_DESC')}
      switchLabel={t('ADOPT_OPTION_LABEL')}
    />
  );
}

/** A chart's app uploaded by hand: adopted by this import, or by an earlier one. */
export interface AdoptedApp {
  app: string;
  how: 'adopted' | 'found';
}

/** The line under a chart's name that says which app uploaded by hand it goes to. */
export function adoptedAppText({ app, how }: AdoptedApp): string {
  return t(how === 'adopted' ? 'ADOPT_ROW_ADOPTED' : 'ADOPT_ROW_FOUND', asText({ app }));
}
