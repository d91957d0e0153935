import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { beijingDayFromNow, beijingInstant, RequestFormPage } from '../../../components/RequestFormPage';
import { kocService } from '../../../services/koc';
import { KOC_EVENT } from '../../../routes';
import { Card, Field, Stepper, toast } from '../../../ui';
import '../koc.scss';

/** A city ambassador proposes an offline event; an operator approves it (and notes the materials the brand sends). */
export default function ProposePage() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [city, setCity] = useState('');
  const [venue, setVenue] = useState('');
  const [day, setDay] = useState(beijingDayFromNow(7));
  const [start, setStart] = useState('14:00');
  const [end, setEnd] = useState('16:00');
  const [capacity, setCapacity] = useState(20);
  const [materials, setMaterials] = useState('');

  return (
    <RequestFormPage
      className="koc-page koc-propose"
      submitText="提交审核"
      submitClass="propose-submit"
      send={(requestId) =>
        kocService.proposeEvent({ requestId, title, description, city, venue, startsAt: beijingInstant(day, start), endsAt: beijingInstant(day, end), capacity, materials })
      }
      onSent={(r) => {
        toast.success('已提交，等待运营审核');
        void Taro.redirectTo({ url: `${KOC_EVENT}?eventId=${r.event.eventId}` });
      }}
    >
      {(errorOf) => (
        <Card title="活动信息">
          <Field label="活动名称" error={errorOf('title')}>
            <Input className="ui-input propose-title" value={title} maxlength={20} placeholder="例如：静安秋季品鉴会" onInput={(e) => setTitle(e.detail.value)} />
          </Field>
          <Field label="活动介绍" counter={{ length: description.length, max: 500 }} error={errorOf('description')}>
            <Textarea className="koc-textarea propose-description" value={description} maxlength={500} placeholder="大家会一起做什么" onInput={(e) => setDescription(e.detail.value)} />
          </Field>
          <Field label="城市" error={errorOf('city')}>
            <Input className="ui-input propose-city" value={city} maxlength={20} placeholder="例如：上海" onInput={(e) => setCity(e.detail.value)} />
          </Field>
          <Field label="地点" error={errorOf('venue')}>
            <Input className="ui-input propose-venue" value={venue} maxlength={60} placeholder="例如：静安店二楼" onInput={(e) => setVenue(e.detail.value)} />
          </Field>
          <Field label="日期" hint="至少提前 1 天申请，方便品牌准备物料" error={errorOf('startsAt')}>
            <Picker mode="date" value={day} start={beijingDayFromNow(1)} onChange={(e) => setDay(String(e.detail.value))}>
              <View className="ui-input ui-input--picker propose-day">{day}</View>
            </Picker>
          </Field>
          <Field label="时间" error={errorOf('endsAt')}>
            <View className="koc-buttons">
              <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
                <View className="ui-input ui-input--picker propose-start">{`${start} 开始`}</View>
              </Picker>
              <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
                <View className="ui-input ui-input--picker propose-end">{`${end} 结束`}</View>
              </Picker>
            </View>
          </Field>
          <Field label="人数上限" error={errorOf('capacity')}>
            <Stepper value={capacity} min={2} max={200} onChange={setCapacity} />
          </Field>
          <Field label="物料需求" optional hint="需要品牌提供的试饮装、物料等" error={errorOf('materials')}>
            <Input className="ui-input propose-materials" value={materials} maxlength={200} placeholder="例如：试饮装 20 份" onInput={(e) => setMaterials(e.detail.value)} />
          </Field>
        </Card>
      )}
    </RequestFormPage>
  );
}
