import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService, restrictionText, type PostView, type Profile } from '../../../services/community';
import { COMMUNITY_CERTIFICATE, COMMUNITY_FAVOURITES } from '../../../routes';
import { Card, Cell, CellGroup, Empty, Notice, Page, QueryView, Section, Stat, StatRow, Tag, toast } from '../../../ui';
import { formatDay, formatNumber } from '../../../utils/format';
import { BadgeChip, MoreButton, PostCard } from '../community-view';
import '../community.scss';

/** A member's page: honours (badges, certificates) first, then their posts; one's own also shows held and hidden ones with the reason. */
export default function ProfilePage() {
  const { authorId } = useRouter().params;
  const load = useCallback(() => communityService.profile(authorId || undefined), [authorId]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  return (
    <Page className="cm-page cm-profile">
      <QueryView query={query} visitor={<JoinCard text="加入会员后就有自己的社区主页，记录你的分享、徽章与证书。" />}>
        {(data) => <ProfileBody key={`${data.author.id}:${data.feed.items[0]?.postId ?? ''}:${data.posts}`} data={data} />}
      </QueryView>
    </Page>
  );
}

function ProfileBody({ data }: { data: Profile }) {
  const { author } = data;
  // Later pages of the member's posts, by the cursor of the last page read.
  const [more, setMore] = useState<{ items: PostView[]; next: string | null; loading: boolean }>({ items: [], next: data.feed.next, loading: false });
  const loadMore = async () => {
    if (!more.next || more.loading) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await communityService.profile(data.self ? undefined : author.id, more.next);
      setMore((m) => ({ items: [...m.items, ...page.feed.items], next: page.feed.next, loading: false }));
    } catch (e) {
      toast.error(e);
      setMore((m) => ({ ...m, loading: false }));
    }
  };
  return (
    <View>
      <Card className="profile-head">
        <View className="cm-head">
          <Avatar src={author.avatarUrl} fallbackText={author.nickname} size="lg" />
          <View className="cm-head__text">
            <View className="cm-head__title profile-name">{author.nickname}</View>
            <View className="cm-tags">
              {author.official && <Tag tone="primary">官方</Tag>}
              {author.badge && <BadgeChip badge={author.badge} />}
            </View>
          </View>
        </View>
        {data.muted && (
          <Notice tone="danger" className="profile-muted">
            {`${restrictionText(data.muted)}${data.muted.note ? `：${data.muted.note}` : ''}`}
          </Notice>
        )}
        <StatRow>
          <Stat value={<View className="profile-posts">{formatNumber(data.posts)}</View>} label="内容" />
          <Stat value={<View className="profile-likes">{formatNumber(data.likesReceived)}</View>} label="获赞" />
          <Stat value={formatNumber(data.badges.length)} label="徽章" />
        </StatRow>
      </Card>
      {data.self && (
        <CellGroup>
          <Cell icon="star" title="我的收藏" onClick={() => void Taro.navigateTo({ url: COMMUNITY_FAVOURITES })} className="to-favourites" />
        </CellGroup>
      )}
      <Card title="荣誉" className="profile-honours">
        {data.badges.length === 0 && data.certificates.length === 0 && (
          <View className="cm-author__meta">还没有荣誉：发帖、获赞、参加打卡活动都能获得徽章</View>
        )}
        {data.badges.map((b) => (
          <View key={b.code} className="cm-comment profile-badge">
            <BadgeChip badge={b} />
            <View className="cm-author__meta">{b.reason || b.description}</View>
          </View>
        ))}
      </Card>
      {data.certificates.length > 0 && (
        <CellGroup title="电子证书">
          {data.certificates.map((c) => (
            <Cell
              key={c.campaignId}
              icon="crown"
              title={c.campaignTitle}
              description={`${formatDay(c.issuedOn)} 颁发`}
              className="profile-certificate"
              onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_CERTIFICATE}?campaignId=${c.campaignId}${data.self ? '' : `&authorId=${author.id}`}` })}
            />
          ))}
        </CellGroup>
      )}
      <Section title={data.self ? '我的内容' : 'TA 的内容'}>
        {data.feed.items.length === 0 && <Empty icon="chat" title="还没有内容" className="cm-empty" />}
        {[...data.feed.items, ...more.items].map((p) => (
          <PostCard key={p.postId} post={p} />
        ))}
        <MoreButton next={more.next} loading={more.loading} onMore={() => void loadMore()} className="profile-more" />
      </Section>
    </View>
  );
}
