import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { tierTheme } from '../../ui/theme/contrast';
import { Avatar } from '../Avatar';
import './index.scss';

interface MemberCardFaceProps {
  tier: { name: string; color: string };
  nickname: string;
  avatarUrl: string;
  vip?: boolean;
  /** The big line (member number on the card page, points on the home page). */
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  onClick?: () => void;
}

/**
 * The membership card in the tier's colour: the ink (light or dark) is picked by contrast so every text
 * reaches WCAG AA on every tier colour an operator may choose (ui/theme/contrast.ts, tested on the tokens).
 */
export function MemberCardFace({ tier, nickname, avatarUrl, vip = false, children, footer, className = '', onClick }: MemberCardFaceProps) {
  const theme = tierTheme(tier.color);
  return (
    <View
      className={`card-face ${theme.dark ? 'card-face--dark' : 'card-face--light'} ${className}`}
      style={{ backgroundImage: `linear-gradient(135deg, ${theme.from} 0%, ${theme.to} 100%)`, color: theme.ink }}
      onClick={onClick}
    >
      <View className="card-face__shine" />
      <View className="card-face__top">
        <Text className="card-tier">{tier.name}</Text>
        {vip && (
          <Text className="card-face__vip card-vip" style={{ borderColor: theme.ink, color: theme.ink }}>
            超级会员
          </Text>
        )}
      </View>
      <View className="card-face__holder">
        <Avatar src={avatarUrl} fallbackText={nickname} size="sm" />
        <Text className="card-nickname">{nickname}</Text>
      </View>
      {children && <View className="card-face__main">{children}</View>}
      {footer && (
        <View className="card-face__footer" style={{ color: theme.inkSoft }}>
          {footer}
        </View>
      )}
    </View>
  );
}
