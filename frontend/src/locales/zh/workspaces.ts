import type workspaces from '../en/workspaces';

const zhWorkspaces: Record<keyof typeof workspaces, string> = {
  WORKSPACE_SELECT_PLACEHOLDER: '选择企业空间',
  WORKSPACES_LOADING: '正在加载企业空间...',
  WORKSPACES_LOAD_FAILED: '无法加载企业空间',
  WORKSPACES_EMPTY: '您还不是任何企业空间的成员：请企业空间管理员邀请您，或导入到全局应用商店。',
  WORKSPACES_TYPE_NOTE:
    'KubeSphere 不允许您列出企业空间：请输入企业空间名称。导入前会检查该企业空间是否存在。',
  WORKSPACE_NOT_LISTED: '企业空间 {name} 不在您可见的企业空间中：请从列表中选择，否则导入会被拒绝。',
};

export default zhWorkspaces;
