// Step 3: how to import (versions, publish mode, target) and where each chart goes (categories).
import { Alert } from '@kubed/components';
import { FormField } from '../../../components/FormField';
import { OptionsFields, optionsProblem, type ImportOptions } from '../../../components/OptionsFields';
import { CategoryMapping } from '../../../components/CategoryMapping';
import { PruneField } from '../../../components/PruneField';
import { AdoptField } from '../../../components/Adoption';
import { VerifyField } from '../../../components/VerifyField';
import { CategoryRulesEditor } from '../../../components/CategoryRulesEditor';
import { ruleDraftsProblem, type RuleDraft } from '../../../components/categoryRules';
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
  ruleDrafts: readonly RuleDraft[];
  onRuleDraftsChange: (drafts: RuleDraft[]) => void;
  /** The service refused the rules. */
  rulesError: unknown;
  /** The source may hold oci:// charts (cosign signatures). */
  oci?: boolean;
  /** The public keys did not fit in the address the wizard opened on, and are not given again yet. */
  keysDropped?: boolean;
  onBack: () => void;
  onNext: () => void;
}

export function OptionsStep(props: OptionsStepProps) {
  const problem = optionsProblem(props.options) ?? ruleDraftsProblem(props.ruleDrafts);
  return (
    <>
      <FormColumn>
        <OptionsFields value={props.options} onChange={props.onOptionsChange} />
        <PruneField value={props.options} onChange={props.onOptionsChange} />
        <AdoptField value={props.options} onChange={props.onOptionsChange} />
        {props.keysDropped === true && (
          <Alert type="info" style={{ margin: '12px 0' }} data-testid="keys-dropped">
            {t('WIZARD_KEYS_DROPPED')}
          </Alert>
        )}
        <VerifyField value={props.options} onChange={props.onOptionsChange} oci={props.oci} />
      </FormColumn>
      <FormField label={t('WIZARD_CATEGORY_RULES_TITLE')} description={t('WIZARD_CATEGORY_RULES_DESC')}>
        <CategoryRulesEditor
          value={props.ruleDrafts}
          onChange={props.onRuleDraftsChange}
          error={props.rulesError}
        />
      </FormField>
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
