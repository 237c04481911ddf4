// The repository's and the plan's warnings (bad index entries, missing charts, etcd space...):
// the first few, the rest on demand.
import { Alert, Button } from '@kubed/components';
import { useState } from 'react';
import type { Message } from '../../../api';
import { messageText } from '../../../components/messages';
import { asText } from '../../../i18n';

const SHOWN = 3;

export function Warnings({ warnings }: { warnings: readonly Message[] }) {
  const [all, setAll] = useState(false);
  if (warnings.length === 0) return null;
  const shown = all ? warnings : warnings.slice(0, SHOWN);
  return (
    <Alert
      type="warning"
      title={t('WIZARD_WARNINGS', asText({ count: warnings.length }))}
      style={{ marginTop: 12 }}
      data-testid="preview-warnings"
    >
      <ul style={{ margin: 0, paddingLeft: 18, listStyle: 'disc' }}>
        {shown.map((warning, index) => (
          <li key={index}>{messageText(warning)}</li>
        ))}
      </ul>
      {warnings.length > SHOWN && (
        <Button
          variant="text"
          size="sm"
          onClick={() => {
            setAll(!all);
          }}
        >
          {all
            ? t('WIZARD_WARNINGS_FEWER')
            : t('WIZARD_WARNINGS_ALL', asText({ count: warnings.length - SHOWN }))}
        </Button>
      )}
    </Alert>
  );
}
