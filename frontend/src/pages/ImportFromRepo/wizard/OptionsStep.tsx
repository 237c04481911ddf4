// Step 3: how to import (versions, publish mode, target) and where each chart goes (categories).
import { FormField } from '../../../components/FormField';
import { OptionsFields, optionsProblem, type ImportOptions } from '../../../components/OptionsFields';
import { CategoryMapping } from '../../../components/CategoryMapping';
import { FormColumn } from './layout';
import type { ChartRow } from './model';
import { StepActions } from './StepActions';

export interface OptionsStepProps {
  options: ImportOptions;
  onOptionsChange: (options: ImportOptions) => void;
  /** The selected charts. */
  rows: readonly ChartRow[];
  overrides: Readonly<Record<string, string>>;
  onOverridesChange: (overrides: Record<string, string>) => void;
  onBack: () => void;
  onNext: () => void;
}

export function OptionsStep(props: OptionsStepProps) {
  const problem = optionsProblem(props.options);
  return (
    <>
      <FormColumn>
        <OptionsFields value={props.options} onChange={props.onOptionsChange} />
      </FormColumn>
      <FormField label={t('WIZARD_CATEGORY_MAPPING')} description={t('WIZARD_CATEGORY_MAPPING_DESC')}>
        <CategoryMapping
          rows={props.rows}
          overrides={props.overrides}
          onOverridesChange={props.onOverridesChange}
        />
      </FormField>
      <StepActions
        hint={problem}
        onBack={props.onBack}
        onNext={props.onNext}
        nextDisabled={problem !== undefined}
      />
    </>
  );
}
