import type common from '../en/common';

const zhCommon: Record<keyof typeof common, string> = {
  STORE_IMPORTER_MENU: '从仓库导入',
  IMPORT_FROM_REPO_TITLE: '从仓库导入',
  IMPORT_FROM_REPO_DESC: '将 Helm 仓库中的 Chart 导入应用商店：先预览将发生的变更，再开始导入。',
  CONFIGURED_REPOS: 'KubeSphere 中已配置的仓库',
  CONFIGURED_REPOS_EMPTY: 'KubeSphere 中未配置任何仓库。',
  LOADING: '加载中...',
  REPO_HAS_CREDENTIALS: '包含凭证',
  LOAD_FAILED: '无法加载仓库：{message}',
  TAB_IMPORT: '导入',
  TAB_HISTORY: '历史记录',
  TAB_SYNCS: '定时同步',
};

export default zhCommon;
