import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { beijingDayFromNow, beijingInstant, RequestFormPage, type ErrorOf } from '../../../components/RequestFormPage';
import { ImageSlot } from '../../../components/ImageSlot';
import type { PickedImage } from '../../../services/pick-images';
import { cocreateService, SUBJECT_NAMES, type OpenPanelInput, type Poll } from '../../../services/cocreate';
import { COCREATE_PANEL, COCREATE_POLL } from '../../../routes';
import { Button, Card, Field, Icon, Notice, Segmented, Stepper, toast } from '../../../ui';
import '../cocreate.scss';

type Kind = 'poll' | 'panel';
const KINDS = [
  { value: 'poll', label: '共创投票' },
  { value: 'panel', label: '新品测试' },
] as const;
const SUBJECTS = Object.keys(SUBJECT_NAMES) as Poll['subject'][];
/** Polls and panels close at 22:00 Beijing time on the chosen day. */
const CLOSING_TIME = '22:00';
/** Where a host's pictures are uploaded in cloud storage. */
const IMAGE_FOLDER = 'cocreate';

interface OptionDraft {
  label: string;
  image: PickedImage | null;
}

/**
 * 发起共创: an operator or a KOC co-creator (共创发起人) opens a poll or a product panel. The server validates it
 * exactly as any other (options, seats, times) and credits it to its host; its messages show next to the field.
 */
export default function OpenCocreatePage() {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(router.params.kind === 'panel' ? 'panel' : 'poll');
  return kind === 'poll' ? <PollForm onKind={setKind} /> : <PanelForm onKind={setKind} />;
}

function KindSwitch({ kind, onKind }: { kind: Kind; onKind: (k: Kind) => void }) {
  return (
    <View className="cc-open-kind">
      <Segmented options={KINDS} value={kind} onChange={onKind} className="open-kind" />
      <Notice icon="info" className="cc-open-note">
        发起后立即公开，署名为你的昵称；带图片的要等图片通过安全检查后公开。品牌运营可随时提前结束。
      </Notice>
    </View>
  );
}

/** A list of short texts (options, questions) with add and remove, between `min` and `max` entries. */
function TextList({ items, onChange, min, max, maxlength, placeholder, className }: { items: string[]; onChange: (v: string[]) => void; min: number; max: number; maxlength: number; placeholder: (i: number) => string; className: string }) {
  return (
    <View className="cc-list">
      {items.map((text, i) => (
        <View key={i} className="cc-list__row">
          <Input className={`cc-input cc-list__input ${className}`} value={text} maxlength={maxlength} placeholder={placeholder(i)} onInput={(e) => onChange(items.map((x, j) => (j === i ? e.detail.value : x)))} />
          {items.length > min && (
            <View className={`cc-list__remove ${className}-remove`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              <Icon name="close" size="sm" color="textSecondary" />
            </View>
          )}
        </View>
      ))}
      {items.length < max && (
        <Button size="sm" variant="text" icon="plus" className={`${className}-add`} onClick={() => onChange([...items, ''])}>
          {`添加（最多 ${max} 个）`}
        </Button>
      )}
    </View>
  );
}

/** Poll options: a name and an optional picture each, 2–8 of them. */
function OptionList({ items, onChange }: { items: OptionDraft[]; onChange: (v: OptionDraft[]) => void }) {
  const set = (i: number, patch: Partial<OptionDraft>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <View className="cc-list">
      {items.map((o, i) => (
        <View key={i} className="cc-list__row">
          <ImageSlot image={o.image} onChange={(image) => set(i, { image })} folder={IMAGE_FOLDER} className="open-option-image" />
          <Input className="cc-input cc-list__input open-option" value={o.label} maxlength={20} placeholder={`选项 ${i + 1}`} onInput={(e) => set(i, { label: e.detail.value })} />
          {items.length > 2 && (
            <View className="cc-list__remove open-option-remove" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              <Icon name="close" size="sm" color="textSecondary" />
            </View>
          )}
        </View>
      ))}
      {items.length < 8 && (
        <Button size="sm" variant="text" icon="plus" className="open-option-add" onClick={() => onChange([...items, { label: '', image: null }])}>
          添加（最多 8 个）
        </Button>
      )}
    </View>
  );
}

/** A new poll or panel with a host's pictures waits for their check: say so instead of "published". */
const sentText = (state: string, what: string) => (state === 'held' ? '已提交，图片通过安全检查后公开' : `${what}已发起`);

function DateField({ label, day, onDay, error, className }: { label: string; day: string; onDay: (d: string) => void; error?: string; className: string }) {
  return (
    <Field label={label} hint={`当天 ${CLOSING_TIME} 截止`} error={error}>
      <Picker mode="date" value={day} start={beijingDayFromNow(1)} end={beijingDayFromNow(90)} onChange={(e) => onDay(String(e.detail.value))}>
        <View className={`ui-input ui-input--picker ${className}`}>{day}</View>
      </Picker>
    </Field>
  );
}

function PollForm({ onKind }: { onKind: (k: Kind) => void }) {
  const [title, setTitle] = useState('');
  const [subject, setSubject] = useState<Poll['subject']>('flavour');
  const [productName, setProductName] = useState('');
  const [creditLine, setCreditLine] = useState('');
  const [description, setDescription] = useState('');
  const [options, setOptions] = useState<OptionDraft[]>([
    { label: '', image: null },
    { label: '', image: null },
  ]);
  const [day, setDay] = useState(beijingDayFromNow(7));
  return (
    <RequestFormPage
      className="cc-page cc-open cc-open--poll"
      submitText="发起投票"
      submitClass="open-submit"
      send={(requestId) =>
        cocreateService.openPoll({ requestId, title, subject, productName, creditLine, description, options: options.map((o) => ({ label: o.label, image: o.image?.fileId ?? null })), closesAt: beijingInstant(day, CLOSING_TIME) })
      }
      onSent={(p) => {
        toast.success(sentText(p.state, '投票'));
        void Taro.redirectTo({ url: `${COCREATE_POLL}?pollId=${encodeURIComponent(p.pollId)}` });
      }}
    >
      {(errorOf: ErrorOf) => (
        <View>
          <KindSwitch kind="poll" onKind={onKind} />
          <Card title="投票内容">
            <Field label="投票标题" counter={{ length: title.length, max: 40 }} error={errorOf('title')}>
              <Input className="cc-input open-title" value={title} maxlength={40} placeholder="例如：会员周边礼盒选包装" onInput={(e) => setTitle(e.detail.value)} />
            </Field>
            <Field label="决定什么" error={errorOf('subject')}>
              <View className="choice">
                {SUBJECTS.map((s) => (
                  <View key={s} className={`choice__option open-subject open-subject--${s} ${s === subject ? 'choice__option--active' : ''}`} onClick={() => setSubject(s)}>
                    {SUBJECT_NAMES[s]}
                  </View>
                ))}
              </View>
            </Field>
            <Field label="产品名称" error={errorOf('productName')}>
              <Input className="cc-input open-product" value={productName} maxlength={30} placeholder="例如：会员周边礼盒" onInput={(e) => setProductName(e.detail.value)} />
            </Field>
            <Field label="选项" hint="2–8 个，名称不能重复；可为每个选项配一张图" error={errorOf('options')}>
              <OptionList items={options} onChange={setOptions} />
            </Field>
            <Field label="署名说明" hint="投中胜出选项的会员名字会出现在哪里" error={errorOf('creditLine')}>
              <Input className="cc-input open-credit" value={creditLine} maxlength={40} placeholder="例如：名字印在礼盒内页" onInput={(e) => setCreditLine(e.detail.value)} />
            </Field>
            <Field label="投票说明" optional counter={{ length: description.length, max: 300 }} error={errorOf('description')}>
              <Textarea className="cc-input cc-input--tall open-description" value={description} maxlength={300} placeholder="为什么发起、结果会怎么用" onInput={(e) => setDescription(e.detail.value)} />
            </Field>
            <DateField label="截止日期" day={day} onDay={setDay} error={errorOf('closesAt')} className="open-closes" />
          </Card>
        </View>
      )}
    </RequestFormPage>
  );
}

function PanelForm({ onKind }: { onKind: (k: Kind) => void }) {
  const [title, setTitle] = useState('');
  const [productName, setProductName] = useState('');
  const [description, setDescription] = useState('');
  const [seats, setSeats] = useState(10);
  const [image, setImage] = useState<PickedImage | null>(null);
  const [day, setDay] = useState(beijingDayFromNow(7));
  const [ratings, setRatings] = useState(['整体满意度']);
  const [texts, setTexts] = useState(['一句话建议']);
  const questions = (): OpenPanelInput['questions'] => [
    ...ratings.map((label, i) => ({ id: `r${i + 1}`, kind: 'rating' as const, label, options: [] })),
    ...texts.map((label, i) => ({ id: `t${i + 1}`, kind: 'text' as const, label, options: [] })),
  ];
  return (
    <RequestFormPage
      className="cc-page cc-open cc-open--panel"
      submitText="发起新品测试"
      submitClass="open-submit"
      send={(requestId) => cocreateService.openPanel({ requestId, title, productName, description, image: image?.fileId ?? null, seats, applyUntil: beijingInstant(day, CLOSING_TIME), questions: questions() })}
      onSent={(p) => {
        toast.success(sentText(p.state, '新品测试'));
        void Taro.redirectTo({ url: `${COCREATE_PANEL}?panelId=${encodeURIComponent(p.panelId)}` });
      }}
    >
      {(errorOf: ErrorOf) => (
        <View>
          <KindSwitch kind="panel" onKind={onKind} />
          <Card title="测试内容">
            <Field label="测试标题" counter={{ length: title.length, max: 30 }} error={errorOf('title')}>
              <Input className="cc-input open-title" value={title} maxlength={30} placeholder="例如：冷萃乌龙城市试饮官" onInput={(e) => setTitle(e.detail.value)} />
            </Field>
            <Field label="产品名称" error={errorOf('productName')}>
              <Input className="cc-input open-product" value={productName} maxlength={30} placeholder="例如：冷萃乌龙" onInput={(e) => setProductName(e.detail.value)} />
            </Field>
            <Field label="测试说明" optional counter={{ length: description.length, max: 300 }} error={errorOf('description')}>
              <Textarea className="cc-input cc-input--tall open-description" value={description} maxlength={300} placeholder="测试官会收到什么、要做什么" onInput={(e) => setDescription(e.detail.value)} />
            </Field>
            <Field label="产品图片" optional error={errorOf('image')}>
              <ImageSlot image={image} onChange={setImage} folder={IMAGE_FOLDER} size="lg" className="open-panel-image" />
            </Field>
            <Field label="名额" error={errorOf('seats')}>
              <Stepper value={seats} min={1} max={1000} onChange={setSeats} />
            </Field>
            <DateField label="报名截止" day={day} onDay={setDay} error={errorOf('applyUntil')} className="open-apply-until" />
          </Card>
          <Card title="反馈问题" className="open-questions">
            <Field label="打分题（1–5 分）" error={errorOf('questions')}>
              <TextList items={ratings} onChange={setRatings} min={0} max={5} maxlength={40} placeholder={(i) => `打分题 ${i + 1}`} className="open-rating" />
            </Field>
            <Field label="问答题">
              <TextList items={texts} onChange={setTexts} min={0} max={5} maxlength={40} placeholder={(i) => `问答题 ${i + 1}`} className="open-text" />
            </Field>
          </Card>
        </View>
      )}
    </RequestFormPage>
  );
}
