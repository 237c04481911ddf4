/** Placeholder until this tab is built. */
export default function JobDetail() {
  return <p>{t('LOADING')}</p>;
}
