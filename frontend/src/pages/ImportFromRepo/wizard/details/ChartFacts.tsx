// What a chart says of itself in Chart.yaml, as the console's app information shows it: app
// version, home, sources, maintainers, keywords, Kubernetes versions, type, dependencies. Links
// only to absolute http(s) addresses, in a new tab.
import { Tag } from '@kubed/components';
import type { ReactNode } from 'react';
import styled from 'styled-components';
import type { ChartMetadata } from '../../../../api';
import { formatBytes } from '../../../../components/format';
import { labelled, Muted } from '../../../../components/layout';

const List = styled.dl`
  ${labelled}
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: 12px 20px;

  dd {
    margin-top: 2px;
    overflow-wrap: anywhere;
  }
  dd ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  a {
    color: ${({ theme }) => theme.palette.link};
  }
`;

const Keywords = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
`;

function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  if (!/^https?:\/\//i.test(href)) return <span>{children ?? href}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? href}
    </a>
  );
}

function None() {
  return <Muted>{t('DETAILS_NONE')}</Muted>;
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ChartFacts({ metadata, size }: { metadata: ChartMetadata; size: number }) {
  return (
    <List data-testid="details-facts">
      <Fact label={t('DETAILS_APP_VERSION')} testId="details-app-version">
        {metadata.appVersion ?? <None />}
      </Fact>
      <Fact label={t('DETAILS_HOME')} testId="details-home">
        {metadata.home ? <ExternalLink href={metadata.home} /> : <None />}
      </Fact>
      <Fact label={t('DETAILS_SOURCES')} testId="details-sources">
        {metadata.sources.length === 0 ? (
          <None />
        ) : (
          <ul>
            {metadata.sources.map((source) => (
              <li key={source}>
                <ExternalLink href={source} />
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact label={t('DETAILS_MAINTAINERS')} testId="details-maintainers">
        {metadata.maintainers.length === 0 ? (
          <None />
        ) : (
          <ul>
            {metadata.maintainers.map((maintainer, i) => (
              <li key={`${maintainer.name}-${i}`}>
                {maintainer.url ? (
                  <ExternalLink href={maintainer.url}>{maintainer.name}</ExternalLink>
                ) : (
                  maintainer.name
                )}
                {maintainer.email && (
                  <>
                    {' '}
                    <Muted>&lt;{maintainer.email}&gt;</Muted>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact label={t('DETAILS_KEYWORDS')} testId="details-keywords">
        {metadata.keywords.length === 0 ? (
          <None />
        ) : (
          <Keywords>
            {metadata.keywords.map((keyword) => (
              <Tag key={keyword} data-testid="details-keyword">
                {keyword}
              </Tag>
            ))}
          </Keywords>
        )}
      </Fact>
      <Fact label={t('DETAILS_KUBE_VERSION')} testId="details-kube-version">
        {metadata.kubeVersion ?? <None />}
      </Fact>
      <Fact label={t('DETAILS_TYPE')} testId="details-type">
        {metadata.type ?? 'application'}
      </Fact>
      <Fact label={t('DETAILS_PACKAGE_SIZE')} testId="details-size">
        {formatBytes(size)}
      </Fact>
      <Fact label={t('DETAILS_DEPENDENCIES')} testId="details-dependencies">
        {metadata.dependencies.length === 0 ? (
          <None />
        ) : (
          <ul>
            {metadata.dependencies.map((dependency) => (
              <li key={dependency.alias ?? dependency.name}>
                {dependency.name}
                {dependency.version && ` ${dependency.version}`}
                {dependency.alias && <Muted> ({dependency.alias})</Muted>}
              </li>
            ))}
          </ul>
        )}
      </Fact>
    </List>
  );
}
