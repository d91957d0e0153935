import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Icon } from '../../ui/Icon';
import { choosePersona, listPersonas, storedOpenid, type DevPersona } from '../../services/dev-persona';
import './PersonaSwitcher.scss';

const ROLE_LABELS: Record<DevPersona['role'], string> = {
  member: '会员',
  visitor: '访客',
  clerk: '店员',
  operator: '运营',
};

/**
 * Local cloud only: act as one of the dev personas. Switching reloads so every view is fetched anew. The chip
 * sits in the right end of the H5 title bar (the title is narrowed to leave it room, app.scss), so it never
 * covers a page's content or buttons; the screenshot review checks that.
 */
export function PersonaSwitcher() {
  const [open, setOpen] = useState(false);
  const [personas, setPersonas] = useState<DevPersona[] | null>(null);
  const [failed, setFailed] = useState(false);
  // H5 keeps earlier pages of the stack in the DOM: only the page on screen renders its switcher.
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => setOnScreen(true));
  useDidHide(() => {
    setOnScreen(false);
    setOpen(false);
  });
  const load = () => {
    setFailed(false);
    listPersonas().then(setPersonas, () => setFailed(true));
  };
  useEffect(load, []);

  // Until the first call stores a choice, the local cloud's first persona is who we are.
  const current = storedOpenid() ?? personas?.[0]?.openid ?? null;

  const toggle = () => {
    setOpen(!open);
    if (!personas) load();
  };

  const pick = (p: DevPersona) => {
    if (p.openid !== current) {
      choosePersona(p.openid);
      window.location.reload();
    } else {
      setOpen(false);
    }
  };

  const active = personas?.find((p) => p.openid === current);
  if (!onScreen) return null;

  // Into <body>: a page is its own stacking context under Taro's title bar, so from inside it nothing can sit
  // on the bar.
  return createPortal(
    <View className="persona-switcher">
      {/* In the title bar's right end (where WeChat draws its capsule), never over the page. */}
      <View className={`persona-switcher__chip ${open ? 'persona-switcher__chip--open' : ''}`} onClick={toggle}>
        <Text className="persona-switcher__name">{active?.name ?? '身份'}</Text>
        <Icon name="chevronDown" size="sm" color="textSecondary" className="persona-switcher__caret" />
      </View>
      {open && (
        <View className="persona-switcher__panel">
          <View className="persona-switcher__title">切换身份（本地开发）</View>
          {failed && <View className="persona-switcher__hint">无法读取身份列表，请确认本地云已启动</View>}
          {!personas && !failed && <View className="persona-switcher__hint">加载中…</View>}
          {personas?.map((p) => (
            <View
              key={p.openid}
              className={`persona-option ${p.openid === current ? 'persona-option--active' : ''}`}
              data-openid={p.openid}
              onClick={() => pick(p)}
            >
              <View className="persona-option__head">
                <Text className="persona-option__name">{p.name}</Text>
                <Text className="persona-option__role">{ROLE_LABELS[p.role] ?? p.role}</Text>
              </View>
              <View className="persona-option__desc">{p.description}</View>
            </View>
          ))}
        </View>
      )}
    </View>,
    document.body,
  );
}
