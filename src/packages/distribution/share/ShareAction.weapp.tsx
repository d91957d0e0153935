import { Button } from '@tarojs/components';

/** The mini-program's share sheet; the card it sends is set by the page's useShareAppMessage. */
export function ShareAction(_props: { sharePath: string }) {
  return (
    <Button className="btn btn--primary btn--block share-card__button" openType="share">
      分享给朋友
    </Button>
  );
}
