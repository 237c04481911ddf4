/** Placeholder until this tab is built. */
export default function SyncList() {
  return <p>{t('LOADING')}</p>;
}
