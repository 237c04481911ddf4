// "Look before importing": a chart's details in a drawer over the preview, as App Store
// Management's review drawer shows an app (kube-design Drawer, a banner, Navs for the tabs).
// The header and the Versions tab come from the preview; Chart.yaml, README and values come from
// the version's package, which the service downloads on demand (POST /previews/chart).
import { Alert, Button, Drawer, Loading, Navs, Select } from '@kubed/components';
import { Close } from '@kubed/icons';
import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import type { ChartDetails, PreviewChart, SourceRequest, VerifySettings } from '../../../../api';
import { useChartDetails } from '../../../../api/queries';
import { ChartIcon } from '../../../../components/ChartIcon';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Markdown } from '../../../../components/Markdown';
import { messageText } from '../../../../components/messages';
import { Muted } from '../../../../components/layout';
import { DeprecatedTag } from '../../../../components/StateTags';
import { asText } from '../../../../i18n';
import { ChartFacts } from './ChartFacts';
import { TextFile, TruncatedNote } from './TextFile';
import { VersionsTable } from './VersionsTable';
import { SignatureNote } from './SignatureNote';
import { verifyRequest } from '../../../../components/verify';

type TabKey = 'readme' | 'values' | 'versions';

const Frame = styled.div`
  position: relative;
  display: flex;
  flex-direction: column;
  height: 100vh;
  background: ${({ theme }) => theme.palette.background};
`;

const Header = styled.header`
  display: flex;
  gap: 16px;
  padding: 24px 64px 20px 20px;
  background: ${({ theme }) => theme.palette.accents_0};
  border-bottom: 1px solid ${({ theme }) => theme.palette.accents_1};

  h2 {
    margin: 0;
    font-size: 20px;
    font-weight: 600;
    line-height: 28px;
    color: ${({ theme }) => theme.palette.accents_9};
    overflow-wrap: anywhere;
  }
  p {
    margin: 4px 0 0;
    color: ${({ theme }) => theme.palette.accents_5};
  }
`;

const Title = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 12px;
`;

const VersionPicker = styled.label`
  display: inline-flex;
  align-items: center;
  gap: 8px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
`;

const CloseButton = styled(Button)`
  position: absolute;
  top: 20px;
  right: 20px;
  padding: 4px;
`;

const Tabs = styled.div`
  padding: 12px 20px 0;
`;

const Body = styled.div`
  flex: 1;
  min-height: 0;
  overflow: auto;
  padding: 20px;
`;

/** Chart.yaml's facts above the README or values, set apart as the console's detail pages do. */
const Section = styled.div`
  margin-bottom: 20px;
  padding-bottom: 16px;
  border-bottom: 1px solid ${({ theme }) => theme.palette.accents_1};
`;

const Centered = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 12px;
  padding: 48px 0;
  color: ${({ theme }) => theme.palette.accents_5};
`;

export interface ChartDetailsDrawerProps {
  /** The source the preview read, credentials included (they are sent, never kept). */
  source: SourceRequest;
  /** With a policy other than off, the version's signature is checked and shown. */
  verify?: VerifySettings;
  chart: PreviewChart;
  onClose: () => void;
}

/** The version shown first: the one the preview's row shows (newest stable), else the newest. */
function defaultVersion(chart: PreviewChart): string {
  return chart.latestVersion ?? chart.versions[0]?.version ?? '';
}

export function ChartDetailsDrawer({ source, verify, chart, onClose }: ChartDetailsDrawerProps) {
  const [version, setVersion] = useState(() => defaultVersion(chart));
  const [tab, setTab] = useState<TabKey>('readme');
  const checked = verifyRequest(verify);
  const query = useChartDetails({
    source,
    chart: chart.name,
    version,
    ...(checked === undefined ? {} : { verify: checked }),
  });
  const details: ChartDetails | undefined = query.data;
  const closeRef = useRef<HTMLButtonElement>(null);

  // Keyboard users land in the panel, and back on what opened it (the row's link) when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  // Escape closes the panel wherever the focus is (the drawer's own handler needs it inside, and a
  // "Show" button that was clicked is gone from the page).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const shown = chart.versions.find((entry) => entry.version === version);
  const description = details?.metadata.description ?? chart.description;
  const tabs = [
    { value: 'readme', label: t('DETAILS_TAB_README') },
    { value: 'values', label: t('DETAILS_TAB_VALUES') },
    { value: 'versions', label: t('DETAILS_TAB_VERSIONS', asText({ count: chart.versions.length })) },
  ];

  function packageBody() {
    if (query.isLoading || (query.isFetching && details === undefined)) {
      return (
        <Centered data-testid="details-loading">
          <Loading size={32} />
          {t('DETAILS_LOADING', asText({ name: chart.name, version }))}
        </Centered>
      );
    }
    if (query.error || details === undefined) {
      return (
        <ErrorAlert
          error={query.error}
          title={t('DETAILS_LOAD_FAILED', asText({ name: chart.name, version }))}
          onRetry={() => {
            void query.refetch();
          }}
        />
      );
    }
    return (
      <>
        {details.warnings.map((warning) => (
          <Alert
            key={warning.message}
            type="warning"
            style={{ marginBottom: 12 }}
            data-testid="details-warning"
          >
            {messageText(warning)}
          </Alert>
        ))}
        <SignatureNote signature={details.signature} />
        <Section>
          <ChartFacts metadata={details.metadata} size={details.size} />
        </Section>
        {tab === 'readme' &&
          (details.readme ? (
            <>
              <TruncatedNote file={details.readme} />
              <Markdown testId="details-readme">{details.readme.content}</Markdown>
            </>
          ) : (
            <Muted data-testid="details-no-readme">{t('DETAILS_NO_README')}</Muted>
          ))}
        {tab === 'values' &&
          (details.values ? (
            <TextFile
              file={details.values}
              testId="details-values"
              note={details.hasValuesSchema ? t('DETAILS_VALUES_SCHEMA') : undefined}
            />
          ) : (
            <Muted data-testid="details-no-values">{t('DETAILS_NO_VALUES')}</Muted>
          ))}
      </>
    );
  }

  return (
    <Drawer
      visible
      width="min(1070px, 92vw)"
      placement="right"
      maskClosable
      keyboard={false}
      onClose={onClose}
    >
      <Frame
        role="dialog"
        aria-modal="true"
        aria-labelledby="chart-details-title"
        data-testid="chart-details"
      >
        <CloseButton
          ref={closeRef}
          variant="text"
          aria-label={t('DETAILS_CLOSE')}
          data-testid="details-close"
          onClick={onClose}
        >
          <Close size={24} />
        </CloseButton>
        <Header>
          <ChartIcon src={details?.metadata.icon ?? chart.icon} size={56} />
          <div>
            <Title>
              <h2 id="chart-details-title" data-testid="details-name">
                {chart.name}
              </h2>
              <VersionPicker>
                {t('DETAILS_VERSION')}
                <Select
                  value={version}
                  data-testid="details-version"
                  style={{ width: 160 }}
                  options={chart.versions.map((entry) => ({ value: entry.version, label: entry.version }))}
                  onChange={(next: string) => {
                    setVersion(next);
                  }}
                />
              </VersionPicker>
              {shown?.deprecated === true && <DeprecatedTag />}
            </Title>
            <p data-testid="details-description">{description || '-'}</p>
          </div>
        </Header>
        <Tabs>
          <Navs
            data={tabs}
            value={tab}
            onChange={(next) => {
              setTab(next as TabKey);
            }}
            data-testid="details-tabs"
          />
        </Tabs>
        <Body>
          {tab === 'versions' ? (
            <VersionsTable
              versions={chart.versions}
              current={version}
              onShow={(next) => {
                setVersion(next);
                setTab('readme');
              }}
            />
          ) : (
            packageBody()
          )}
        </Body>
      </Frame>
    </Drawer>
  );
}
