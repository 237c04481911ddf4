// The top of the job page: which import, how far it got, how its versions went, and what ended it.
import { Alert, Progress } from '@kubed/components';
import { Helm } from '@kubed/icons';
import type { ReactNode } from 'react';
import styled from 'styled-components';
import { isTerminalPhase } from '../../../api';
import { formatNumber } from '../../../components/format';
import { AlertDetail, labelled, Panel } from '../../../components/layout';
import { JobPhaseTag } from '../../../components/StateTags';
import { messageText } from '../../../components/messages';
import { asText } from '../../../i18n';
import { repoTitle, sourceLabel } from './describe';
import { progressOf, summaryOf, warningsOf, type JobView } from './model';
import { outcomeOf } from './outcome';

const Head = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;

  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    line-height: 1.5;
    color: ${({ theme }) => theme.palette.accents_8};
  }
`;

const Title = styled.div`
  flex: 1;
  min-width: 0;
`;

const Subtitle = styled.div`
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`;

const Actions = styled.div`
  display: flex;
  gap: 12px;
`;

const Figures = styled.dl`
  ${labelled}
  display: flex;
  flex-wrap: wrap;
  gap: 8px 40px;
  margin-top: 16px;

  div {
    min-width: 96px;
  }
  dd {
    font-size: 20px;
    font-weight: 600;
  }
`;

const Bar = styled.div`
  margin-top: 16px;

  .progress-label {
    display: flex;
    justify-content: space-between;
    margin-bottom: 6px;
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_7};
  }
`;

const Notices = styled.div`
  display: flex;
  flex-direction: column;
  gap: 8px;
  margin-top: 16px;

  ul {
    margin: 0;
    padding-left: 18px;
    list-style: disc;
  }
`;

export interface JobSummaryProps {
  view: JobView;
  interrupted: boolean;
  /** Cancel while it runs; retry and import again once it ended. */
  actions: ReactNode;
  /** The actions offer "Retry failed": the outcome may point to it. Default true. */
  retryOffered?: boolean;
}

function progressLabel(view: JobView, done: number, total: number): string {
  const { phase } = view.job.status;
  if (phase === 'Pending') return t('JOB_PENDING_HINT');
  if (total === 0 && !isTerminalPhase(phase)) return t('JOB_PLANNING');
  return t('JOB_PROGRESS_COUNT', asText({ done, total }));
}

export function JobSummary({ view, interrupted, actions, retryOffered = true }: JobSummaryProps) {
  const { job } = view;
  const { phase } = job.status;
  const { done, total, percent } = progressOf(view);
  const summary = summaryOf(view);
  const outcome = outcomeOf(job, summary, retryOffered);
  const warnings = warningsOf(view);
  const share = (count: number): number => (total > 0 ? (count / total) * 100 : 0);
  const running = !isTerminalPhase(phase);

  return (
    <Panel data-testid="job-summary" data-phase={phase}>
      <Head>
        <Helm size={40} />
        <Title>
          <h2 data-testid="job-title">{t('JOB_TITLE', asText({ repo: repoTitle(job.spec.source) }))}</h2>
          <Subtitle title={job.spec.source.url} data-testid="job-subtitle">
            {t('JOB_SUBTITLE', asText({ id: job.id, source: sourceLabel(job.spec.source) }))}
          </Subtitle>
        </Title>
        <JobPhaseTag phase={phase} />
        <Actions>{actions}</Actions>
      </Head>
      <Bar>
        <div className="progress-label">
          <span data-testid="job-progress-label">{progressLabel(view, done, total)}</span>
          <span>{total > 0 ? `${percent}%` : ''}</span>
        </div>
        <Progress
          size="md"
          striped={running}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          data-testid="job-progress"
          sections={[
            { value: share(summary.created + summary.planned), color: 'success' },
            // A palette key kube-design resolves: the grey of "nothing to do".
            { value: share(summary.exists), color: 'accents_5' },
            { value: share(summary.failed), color: 'error' },
          ]}
        />
      </Bar>
      <Figures data-testid="job-counts">
        <div>
          <dt>{t('JOB_CREATED')}</dt>
          <dd data-testid="job-count-created">{formatNumber(summary.created)}</dd>
        </div>
        <div>
          <dt>{t('JOB_EXISTS')}</dt>
          <dd data-testid="job-count-exists">{formatNumber(summary.exists)}</dd>
        </div>
        <div>
          <dt>{t('JOB_FAILED')}</dt>
          <dd data-testid="job-count-failed">{formatNumber(summary.failed)}</dd>
        </div>
        {job.spec.dryRun && (
          <div>
            <dt>{t('JOB_PLANNED')}</dt>
            <dd data-testid="job-count-planned">{formatNumber(summary.planned)}</dd>
          </div>
        )}
      </Figures>
      <Notices>
        {interrupted && running && (
          <Alert type="info" data-testid="job-interrupted">
            {t('JOB_STREAM_INTERRUPTED')}
          </Alert>
        )}
        {outcome && (
          // With the server's message, the sentence is the title and the message the body, as
          // ErrorAlert shows a failure.
          <Alert
            type={outcome.type}
            title={outcome.detail === undefined ? undefined : outcome.lead}
            data-testid="job-message"
          >
            {outcome.detail === undefined ? (
              outcome.lead
            ) : (
              <AlertDetail data-testid="job-outcome-detail">{outcome.detail}</AlertDetail>
            )}
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert
            type="warning"
            title={t('JOB_WARNINGS', asText({ count: warnings.length }))}
            data-testid="job-warnings"
          >
            <ul>
              {warnings.map((warning) => (
                <li key={warning.message}>{messageText(warning)}</li>
              ))}
            </ul>
          </Alert>
        )}
      </Notices>
    </Panel>
  );
}
