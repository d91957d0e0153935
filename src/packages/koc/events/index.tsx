import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { kocService, type EventsScope } from '../../../services/koc';
import { KOC_EVENT, KOC_PROPOSE } from '../../../routes';
import { Button, Empty, Page, QueryView, Segmented } from '../../../ui';
import { EventSummary } from '../koc-view';
import '../koc.scss';

const SCOPES: { value: EventsScope; label: string }[] = [
  { value: 'upcoming', label: '近期活动' },
  { value: 'mine', label: '我报名的' },
  { value: 'hosting', label: '我发起的' },
];
const EMPTY: Record<EventsScope, string> = { upcoming: '近期还没有活动', mine: '还没有报名活动', hosting: '还没有发起活动', review: '没有待审核的活动' };

/** Offline events (品鉴会, 交流会): upcoming ones, mine, and for city ambassadors the ones they host. */
export default function EventsPage() {
  const [scope, setScope] = useState<EventsScope>('upcoming');
  const load = useCallback(() => kocService.events(scope), [scope]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  const canPropose = query.data?.canPropose === true;
  return (
    <Page
      className="koc-page koc-events"
      footer={
        canPropose ? (
          <Button block icon="plus" className="to-propose" onClick={() => void Taro.navigateTo({ url: KOC_PROPOSE })}>
            发起一场活动
          </Button>
        ) : undefined
      }
    >
      <Segmented options={canPropose ? SCOPES : SCOPES.slice(0, 2)} value={scope} onChange={setScope} optionClass="events-scope" />
      <QueryView key={scope} query={query} isEmpty={(d) => d.items.length === 0} empty={<Empty icon="calendar" title={EMPTY[scope]} text="城市体验官发起、运营审核通过的活动会出现在这里" />}>
        {(d) => (
          <View className="koc-stack">
            {d.items.map((e) => (
              <View key={e.eventId} className="koc-card event-card" onClick={() => void Taro.navigateTo({ url: `${KOC_EVENT}?eventId=${e.eventId}` })}>
                <EventSummary event={e} />
              </View>
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
