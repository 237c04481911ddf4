/** Placeholder until this tab is built. */
export default function JobHistory() {
  return <p>{t('LOADING')}</p>;
}
