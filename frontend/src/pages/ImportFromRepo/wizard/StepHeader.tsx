// The wizard's step header (kube-design Steps): finished steps can be clicked to go back.
import { Step, Steps } from '@kubed/components';

export const STEP_COUNT = 4;

export function StepHeader({ active, onStepClick }: { active: number; onStepClick: (step: number) => void }) {
  const steps = [
    { label: t('WIZARD_STEP_SOURCE'), description: t('WIZARD_STEP_SOURCE_DESC') },
    { label: t('WIZARD_STEP_CHARTS'), description: t('WIZARD_STEP_CHARTS_DESC') },
    { label: t('WIZARD_STEP_OPTIONS'), description: t('WIZARD_STEP_OPTIONS_DESC') },
    { label: t('WIZARD_STEP_REVIEW'), description: t('WIZARD_STEP_REVIEW_DESC') },
  ];
  return (
    <Steps
      active={active}
      data-testid="wizard-steps"
      onStepClick={(step: number) => {
        if (step < active) onStepClick(step);
      }}
    >
      {steps.map((step, index) => (
        <Step
          key={step.label}
          label={step.label}
          description={step.description}
          allowStepSelect={index < active}
          data-testid={`wizard-step-${index + 1}`}
          aria-current={index === active ? 'step' : undefined}
        />
      ))}
    </Steps>
  );
}
