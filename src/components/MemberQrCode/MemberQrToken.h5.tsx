import { Text } from '@tarojs/components';

/**
 * H5 (local cloud, e2e tests): the token as text, visually hidden. There is no camera at a desk, so a
 * developer (or the e2e test) copies it from here into the staff page instead of scanning.
 */
export function MemberQrToken({ token, className = 'member-qr-token' }: { token: string; className?: string }) {
  return <Text className={`member-qr-token ${className}`}>{token}</Text>;
}
