// The signature of the version shown in a chart's details, when a policy is chosen: verified (by
// whom), not signed, invalid or not checked, with the reason, as an import would find it.
import { Alert } from '@kubed/components';
import type { SignatureResult } from '../../../../api';
import { messageText } from '../../../../components/messages';

const STATUS_KEY: Record<SignatureResult['status'], string> = {
  verified: 'VERIFY_STATUS_VERIFIED',
  unsigned: 'VERIFY_STATUS_UNSIGNED',
  invalid: 'VERIFY_STATUS_INVALID',
  unchecked: 'VERIFY_STATUS_UNCHECKED',
};

export function SignatureNote({ signature }: { signature: SignatureResult | undefined }) {
  if (signature === undefined) return null;
  const title = `${t('VERIFY_DETAILS_TITLE')}: ${t(STATUS_KEY[signature.status])}`;
  return (
    <Alert
      type={signature.status === 'verified' ? 'info' : 'warning'}
      title={title}
      style={{ marginBottom: 12 }}
      data-testid={`details-signature-${signature.status}`}
    >
      {signature.reason ? messageText(signature.reason) : null}
    </Alert>
  );
}
