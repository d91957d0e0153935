import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { communityService } from '../../../services/community';
import { COMMUNITY_FEED } from '../../../routes';
import { Button, Empty, ErrorState, Loading, Page } from '../../../ui';
import { JoinCard } from '../../../components/JoinCard';
import { isCloudError } from '../../../services/cloud';
import { MoreButton, PostCard } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

/** The caller's favourites, newest first (posts hidden or deleted since are left out). */
export default function FavouritesPage() {
  const { items, next, loading, error, reload, more } = usePages((cursor) => communityService.favourites(cursor), []);
  let body;
  if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="加入会员后，就能收藏喜欢的内容，随时回来看。" />;
  else if (error && items.length === 0) body = <ErrorState error={error} onRetry={() => void reload()} />;
  else if (loading && items.length === 0) body = <Loading />;
  else
    body = (
      <View className="favourites-list">
        {items.length === 0 && (
          <Empty
            icon="star"
            title="还没有收藏"
            text="看到喜欢的内容，点「收藏」就会出现在这里"
            action={
              <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: COMMUNITY_FEED })}>
                去社区逛逛
              </Button>
            }
            className="cm-empty"
          />
        )}
        {items.map((p) => (
          <PostCard key={p.postId} post={p} />
        ))}
        <MoreButton next={next} loading={loading} onMore={() => void more()} />
      </View>
    );
  return <Page className="cm-page cm-favourites">{body}</Page>;
}
