import type wizard from '../en/wizard';

const zhWizard: Record<keyof typeof wizard, string> = { STEP_SOURCE: '来源' };

export default zhWizard;
