import type prune from '../en/prune';

const zhPrune: Record<keyof typeof prune, string> = {
  PRUNE_OPTION: '仓库已移除的版本',
  PRUNE_OPTION_LABEL: '移除仓库已不再列出的版本',
  PRUNE_OPTION_DESC:
    '移除本导入工具创建、但仓库已不再列出的商店版本；不会移除应用的最后一个版本，也不会移除正在使用的版本。',
  PRUNE_REMOVED_UPSTREAM_TITLE: '商店中有 {count} 个版本已不在仓库中列出',
  PRUNE_REMOVED_UPSTREAM_DESC: '除非在选项中选择“移除仓库已不再列出的版本”，它们会保留在商店中。',
  PRUNE_CHART_VERSIONS: '{chart}：{versions}',
  PRUNE_CHART_GONE: '{chart}（已不在仓库中）：{versions}',
  PRUNE_WILL_REMOVE_TITLE: '导入将移除 {count} 个仓库已不再列出的版本',
  PRUNE_WILL_KEEP_TITLE: '导入将保留 {count} 个仓库已不再列出的版本',
  PRUNE_REVIEW: '移除的版本',
  PRUNE_REVIEW_REMOVE: '将移除 {count} 个仓库已不再列出的版本；保留 {kept} 个',
  PRUNE_JOB_HEADING: '仓库已不再列出的版本：已移除 {removed} 个，已保留 {kept} 个',
  PRUNE_JOB_HEADING_PLANNED: '仓库已不再列出的版本：将移除 {planned} 个，保留 {kept} 个',
  PRUNE_JOB_FIRST: '任务只保存前 {max} 个：此处列出和统计的就是这些。',
  PRUNE_STATUS_REMOVED: '已移除',
  PRUNE_STATUS_KEPT: '已保留',
  PRUNE_STATUS_PLANNED: '将被移除',
  PRUNE_ENTRY: '{chart} {version}',
};

export default zhPrune;
