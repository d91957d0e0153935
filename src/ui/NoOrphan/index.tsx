import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { splitTail } from './split-tail';
import './index.scss';

export { splitTail };

/**
 * Titles and short labels without an orphan character: the tail of a string child is wrapped in a no-wrap
 * span (works the same in WeChat's renderer and in browsers, unlike text-wrap). Anything but a string passes
 * through unchanged. The design system applies it to every title, description, state, notice and field text;
 * pages use it for their own headings (`noOrphan(item.title)`).
 */
export function noOrphan(content: ReactNode): ReactNode {
  if (typeof content !== 'string') return content;
  const { head, tail } = splitTail(content);
  if (!tail) return content;
  return (
    <>
      {head}
      <Text className="ui-keep">{tail}</Text>
    </>
  );
}
