import type adopt from '../en/adopt';

const zhAdopt: Record<keyof typeof adopt, string> = {
  ADOPT_OPTION: '手动上传的应用',
  ADOPT_OPTION_LABEL: '接管手动上传的应用',
  ADOPT_OPTION_DESC:
    '尚无本导入工具所建应用的 Chart，会进入为它手动上传的那个应用（Chart 名称和目标相同）：缺少的版本添加到该应用，其名称、分类和图标保持不变。',
  ADOPT_ROW_ADOPTED: '接管手动上传的应用 {app}',
  ADOPT_ROW_FOUND: '位于之前已接管的手动上传应用 {app} 中',
  ADOPT_REVIEW: '手动上传的应用',
  ADOPT_REVIEW_ADOPTING: '进入手动上传应用的 Chart（{count} 个）：{charts}',
  ADOPT_REVIEW_NONE: '发现即接管；商店中没有这些 Chart 的手动上传应用',
  ADOPT_REVIEW_CHART: '{chart} 进入 {app}',
};

export default zhAdopt;
