import type { IconName } from './ui/Icon/icons';

/**
 * The tab bar, shared by app.config.ts (what WeChat and Taro's H5 router draw) and scripts/make-icons.ts
 * (which draws the PNG icons from the project's SVG set). Tab pages live in the main package.
 */
export const TAB_ICON_DIR = 'assets/tabbar';

export const TAB_BAR = {
  color: '#6b6058',
  selectedColor: '#a8521c',
  list: [
    { key: 'home', pagePath: 'pages/home/index', text: '首页', icon: 'home' },
    { key: 'card', pagePath: 'pages/card/index', text: '会员码', icon: 'qr' },
    { key: 'member', pagePath: 'pages/member/index', text: '我的', icon: 'user' },
  ] satisfies { key: string; pagePath: string; text: string; icon: IconName }[],
};
