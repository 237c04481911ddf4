// The host's own texts (the console's frame); extensions bring theirs in their `locales`.
import type { Lang } from './globals.js';

export const HOST_LOCALES: Record<Lang, Record<string, string>> = {
  en: {
    PLAYGROUND_NAME: 'Playground',
    PLAYGROUND_PLATFORM: 'Platform',
    PLAYGROUND_LANGUAGE: 'Language',
    PLAYGROUND_HOME_TITLE: 'Store Importer playground',
    PLAYGROUND_HOME_DESC:
      'The extension as the KubeSphere console loads it, with an emulated KubeSphere, the backend and a sample Helm repository.',
    PLAYGROUND_NO_MENUS:
      'No menu entry is visible: as in the console, entries are hidden when the App Store (openpitrix) is not installed, or when the signed-in user lacks the right they are gated on.',
    PLAYGROUND_NOT_HERE:
      'This page belongs to the KubeSphere console and is not part of the playground: {path}',
    PLAYGROUND_GO_HOME: 'Back to the playground',
  },
  zh: {
    PLAYGROUND_NAME: '演示环境',
    PLAYGROUND_PLATFORM: '平台管理',
    PLAYGROUND_LANGUAGE: '语言',
    PLAYGROUND_HOME_TITLE: '应用商店导入演示环境',
    PLAYGROUND_HOME_DESC:
      '按 KubeSphere 控制台的方式加载扩展组件，并配有模拟的 KubeSphere、后端服务和示例 Helm 仓库。',
    PLAYGROUND_NO_MENUS:
      '没有可显示的菜单：与控制台一致，未安装应用商店（openpitrix）或当前用户缺少菜单项所需的权限时，菜单项会被隐藏。',
    PLAYGROUND_NOT_HERE: '此页面属于 KubeSphere 控制台，不在演示环境中：{path}',
    PLAYGROUND_GO_HOME: '返回演示环境',
  },
};
