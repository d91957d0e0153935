import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import { ConsentCheck } from '../../../components/ConsentCheck';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { kocService, ROLE_OPTIONS, type ApplyInput, type KocRole, type MyKoc } from '../../../services/koc';
import { COCREATE_OPEN, COMMUNITY_MODERATION, KOC_EVENTS, KOC_HOST_CAMPAIGN, KOC_INVITE, REGISTER } from '../../../routes';
import { Button, Card, Cell, CellGroup, Field, Notice, Page, QueryView, Tag, toast } from '../../../ui';
import '../koc.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });
const STATUS = { pending: { text: '审核中', tone: 'warning' }, approved: { text: '已通过', tone: 'success' }, rejected: { text: '未通过', tone: 'danger' } } as const;

/** 体验官计划: apply (city, what you would do, links; consent), see the decision and its reason, use the roles held. */
export default function KocPage() {
  const query = useCloudQuery(kocService.mine, { refreshOnShow: true });
  return (
    <Page className="koc-page koc-home">
      <QueryView query={query}>{(me) => <KocHome me={me} onChange={() => void query.reload()} />}</QueryView>
    </Page>
  );
}

function KocHome({ me, onChange }: { me: MyKoc; onChange: () => void }) {
  const held = new Set(me.roles.map((r) => r.role));
  return (
    <View className="koc-stack">
      <Card title="城市体验官 · 社区管理员">
        <View className="koc-muted">
          热爱品牌、乐于分享的会员，可以申请成为体验官：在城市里发起品鉴会，帮社区处理举报，发起打卡活动带大家一起坚持，或发起共创投票和新品测试。名额由运营审核，不设拉新指标。
        </View>
      </Card>
      {me.roles.length > 0 && (
        <CellGroup title="我的身份" className="koc-roles">
          {held.has('ambassador') && <Cell icon="location" title="城市体验官" description="发起线下品鉴会，现场扫码签到" onClick={go(KOC_EVENTS)} className="to-koc-events" />}
          {held.has('moderator') && <Cell icon="shield" title="社区管理员" description="处理举报与待审内容" onClick={go(COMMUNITY_MODERATION)} className="to-moderation" />}
          {held.has('campaign_host') && <Cell icon="calendar" title="打卡活动主理人" description="发起一个打卡活动" onClick={go(KOC_HOST_CAMPAIGN)} className="to-host-campaign" />}
          {held.has('co_creator') && <Cell icon="star" title="共创发起人" description="发起共创投票或新品测试" onClick={go(COCREATE_OPEN)} className="to-cocreate-open" />}
        </CellGroup>
      )}
      {me.application && (
        <Card title="我的申请" extra={<Tag tone={STATUS[me.application.status].tone}>{STATUS[me.application.status].text}</Tag>} className="koc-application">
          <View className="koc-muted">{`${me.application.city} · 想承担：${me.application.wanted.map((w) => w.name).join('、')}`}</View>
          {me.application.reason && (
            <Notice tone={me.application.status === 'rejected' ? 'warning' : 'success'} className="koc-reason">
              {`运营回复：${me.application.reason}`}
            </Notice>
          )}
          {me.application.status === 'pending' && <View className="koc-muted">运营会尽快审核，结果和理由会显示在这里。</View>}
        </Card>
      )}
      {!me.joined && (
        <Card title="先加入会员">
          <View className="koc-muted">体验官从会员中招募，加入会员后即可申请。</View>
          <Button block className="to-register" onClick={go(REGISTER)}>
            免费加入会员
          </Button>
        </Card>
      )}
      {me.canApply && <ApplyForm consentVersion={me.consentVersion} again={me.application !== null} onDone={onChange} />}
      <CellGroup title="一起玩">
        <Cell icon="users" title="线下活动" description="品鉴会、交流会，报名后到场扫码签到" onClick={go(KOC_EVENTS)} className="to-events" />
        {me.joined && <Cell icon="share" title="我的邀请卡" description="把社区介绍给朋友，没有任务也没有指标" onClick={go(KOC_INVITE)} className="to-invite" />}
      </CellGroup>
    </View>
  );
}

function ApplyForm({ consentVersion, again, onDone }: { consentVersion: string; again: boolean; onDone: () => void }) {
  const [city, setCity] = useState('');
  const [plan, setPlan] = useState('');
  const [links, setLinks] = useState('');
  const [wanted, setWanted] = useState<KocRole[]>([]);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = (r: KocRole) => setWanted((w) => (w.includes(r) ? w.filter((x) => x !== r) : [...w, r]));
  const submit = async () => {
    if (busy) return;
    if (!consent) return toast.info('请先阅读并同意申请信息的使用说明');
    setBusy(true);
    try {
      const list = links
        .split(/[\s,，]+/)
        .map((l) => l.trim())
        .filter(Boolean);
      await kocService.apply({ city, plan, links: list, wanted, consent: { accepted: true, version: consentVersion as ApplyInput['consent']['version'] } });
      toast.success('申请已提交');
      onDone();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={again ? '再次申请' : '申请成为体验官'} className="koc-apply">
      <Field label="所在城市">
        <Input className="ui-input apply-city" value={city} maxlength={20} placeholder="例如：上海" onInput={(e) => setCity(e.detail.value)} />
      </Field>
      <Field label="你想做什么" counter={{ length: plan.length, max: 300 }}>
        <Textarea className="koc-textarea apply-plan" value={plan} maxlength={300} placeholder="例如：每月在静安组织一次品鉴会" onInput={(e) => setPlan(e.detail.value)} />
      </Field>
      <Field label="相关链接" optional hint="你的小红书、公众号或作品链接，最多 3 个，用空格分开">
        <Input className="ui-input apply-links" value={links} maxlength={600} placeholder="粘贴完整网址" onInput={(e) => setLinks(e.detail.value)} />
      </Field>
      <Field label="想承担的角色">
        <View className="koc-chips">
          {ROLE_OPTIONS.map((o) => (
            <View key={o.role} className={`koc-chip apply-role apply-role--${o.role} ${wanted.includes(o.role) ? 'koc-chip--active' : ''}`} onClick={() => toggle(o.role)}>
              {o.name}
            </View>
          ))}
        </View>
      </Field>
      <ConsentCheck checked={consent} onChange={setConsent} className="apply-consent">
        我同意品牌保存以上申请信息（城市、想做的事、链接），仅用于体验官审核与联系；注销账户时一并删除。
      </ConsentCheck>
      <Button block className="apply-submit" loading={busy} loadingText="提交中…" onClick={() => void submit()}>
        提交申请
      </Button>
    </Card>
  );
}
