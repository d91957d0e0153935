import { Button } from '../../../ui';

/** The mini-program's share sheet; the card it sends is set by the page's useShareAppMessage. */
export function ShareAction(_props: { sharePath: string }) {
  return (
    <Button block icon="share" openType="share" className="share-card__button">
      分享给朋友
    </Button>
  );
}
