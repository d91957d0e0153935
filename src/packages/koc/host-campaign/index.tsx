import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { beijingDayFromNow, RequestFormPage } from '../../../components/RequestFormPage';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { kocService } from '../../../services/koc';
import { COMMUNITY_CAMPAIGN } from '../../../routes';
import { Card, Field, QueryView, Stepper, toast } from '../../../ui';
import '../koc.scss';

/** A campaign host runs a check-in campaign (打卡活动) on one of the community's topics. */
export default function HostCampaignPage() {
  const topics = useCloudQuery(communityService.topics);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [topic, setTopic] = useState<string | null>(null);
  const [days, setDays] = useState(7);
  const [from, setFrom] = useState(beijingDayFromNow(1));
  const [to, setTo] = useState(beijingDayFromNow(14));
  const [capacity, setCapacity] = useState(100);
  const chosen = topic ?? topics.data?.topics[0]?.code ?? '';

  return (
    <RequestFormPage
      className="koc-page koc-host-campaign"
      submitText="发起活动"
      submitClass="host-submit"
      send={(requestId) => kocService.hostCampaign({ requestId, title, description, topic: chosen, days, from, to, capacity })}
      onSent={(r) => {
        toast.success('活动已发起');
        void Taro.redirectTo({ url: `${COMMUNITY_CAMPAIGN}?campaignId=${r.campaignId}` });
      }}
    >
      {(errorOf) => (
        <Card title="打卡活动">
          <Field label="活动名称" error={errorOf('title')}>
            <Input className="ui-input host-title" value={title} maxlength={30} placeholder="例如：七日早餐打卡" onInput={(e) => setTitle(e.detail.value)} />
          </Field>
          <Field label="活动说明" optional counter={{ length: description.length, max: 500 }}>
            <Textarea className="koc-textarea host-description" value={description} maxlength={500} placeholder="每天怎么打卡" onInput={(e) => setDescription(e.detail.value)} />
          </Field>
          <Field label="打卡话题" hint="带这个话题发帖即为当天打卡" error={errorOf('topic')}>
            <QueryView query={topics}>
              {(t) => (
                <View className="koc-chips">
                  {t.topics.map((x) => (
                    <View key={x.code} className={`koc-chip host-topic ${x.code === chosen ? 'koc-chip--active' : ''}`} onClick={() => setTopic(x.code)}>
                      {`#${x.name}`}
                    </View>
                  ))}
                </View>
              )}
            </QueryView>
          </Field>
          <Field label="需要打卡的天数" error={errorOf('days')}>
            <Stepper value={days} min={1} max={60} onChange={setDays} />
          </Field>
          <Field label="开始与结束日期" hint="30 天内开始，最长 90 天" error={errorOf('from') ?? errorOf('to')}>
            <View className="koc-buttons">
              <Picker mode="date" value={from} start={beijingDayFromNow(0)} onChange={(e) => setFrom(String(e.detail.value))}>
                <View className="ui-input ui-input--picker host-from">{from}</View>
              </Picker>
              <Picker mode="date" value={to} start={from} onChange={(e) => setTo(String(e.detail.value))}>
                <View className="ui-input ui-input--picker host-to">{to}</View>
              </Picker>
            </View>
          </Field>
          <Field label="名额" error={errorOf('capacity')}>
            <Stepper value={capacity} min={2} max={500} onChange={setCapacity} />
          </Field>
        </Card>
      )}
    </RequestFormPage>
  );
}
