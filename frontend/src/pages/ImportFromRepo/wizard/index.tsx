/** Placeholder until this tab is built. */
export default function ImportWizard() {
  return <p>{t('LOADING')}</p>;
}
