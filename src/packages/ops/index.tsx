import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { KOC_REVIEW, OPS_HEALTH, OPS_LAYERS, OPS_MESSAGES } from '../../routes';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { adminService, type ConfigReport } from '../../services/admin';
import { Card, Cell, CellGroup, Notice, Page, QueryView, Tag } from '../../ui';
import { formatBeijingTime } from '../../utils/format';
import './index.scss';

/**
 * 运营看板: the health of every operator document (tiers, earn rules, stores, coupons, mall items...). A broken
 * one never breaks a member's request (the default stands in), so it would go unnoticed without this page.
 */
export default function OpsDashboardPage() {
  const report = useCloudQuery(adminService.configReport, { refreshOnShow: true });
  return (
    <Page className="ops">
      <CellGroup>
        <Cell icon="chart" title="社区健康" description="三项硬指标、分层与留存" onClick={() => void Taro.navigateTo({ url: OPS_HEALTH })} className="to-health" />
        <Cell icon="shield" title="体验官与活动审核" description="申请、身份与线下活动" onClick={() => void Taro.navigateTo({ url: KOC_REVIEW })} className="to-koc-review" />
      </CellGroup>
      <QueryView query={report}>{(r) => <Report report={r} />}</QueryView>
    </Page>
  );
}

function Report({ report }: { report: ConfigReport }) {
  const broken = report.configs.filter((c) => c.status === 'invalid');
  const warned = report.configs.filter((c) => c.status === 'warning');
  const summary = broken.length
    ? `${broken.length} 份配置有误，会员端暂用默认值或不展示，请尽快修正`
    : warned.length
      ? `${warned.length} 份配置引用了不存在的券、门店或等级，请核对`
      : `全部 ${report.configs.length} 份配置均有效`;
  return (
    <View>
      <Notice tone={broken.length ? 'danger' : warned.length ? 'warning' : 'success'} className="ops__summary ops-summary">
        {summary}
      </Notice>
      {[...broken, ...warned].map((c) => (
        <Card key={c.id} title={c.title} extra={<Tag tone={c.status === 'invalid' ? 'danger' : 'warning'}>{c.status === 'invalid' ? '有误' : '请核对'}</Tag>} className="ops-problem">
          {(c.status === 'invalid' || c.status === 'warning') &&
            c.problems.map((p) => (
              <View key={p} className="ops__problem">
                {p}
              </View>
            ))}
        </Card>
      ))}
      {report.recentChanges.length > 0 && (
        <CellGroup title="最近修改">
          {report.recentChanges.slice(0, 8).map((c) => (
            <Cell
              key={`${c.address}${c.at}${c.kind}`}
              title={titleOf(report, c.address)}
              description={`${formatBeijingTime(c.at, true)} · ${c.source === 'operator' ? (c.actorName ?? '运营') : '在云开发控制台'}${CHANGE_TEXT[c.kind]}`}
            />
          ))}
        </CellGroup>
      )}
      <CellGroup>
        <Cell icon="chart" title="会员分层" description="评分分布、各分层人数与变动" onClick={() => void Taro.navigateTo({ url: OPS_LAYERS })} className="to-layers" />
        <Cell icon="chat" title="运营消息" description="发给各分层的消息与发送结果" onClick={() => void Taro.navigateTo({ url: OPS_MESSAGES })} className="to-messages" />
      </CellGroup>
      <CellGroup title="全部配置">
        {report.configs.map((c) => (
          <Cell key={c.id} title={c.title} description={c.id} value={<Tag tone={STATUS_TONE[c.status]}>{STATUS_TEXT[c.status]}</Tag>} />
        ))}
      </CellGroup>
    </View>
  );
}

const STATUS_TONE = { ok: 'success', invalid: 'danger', warning: 'warning', missing: 'neutral' } as const;
const STATUS_TEXT = { ok: '有效', invalid: '有误', warning: '请核对', missing: '默认' } as const;
const CHANGE_TEXT = { created: '新建', edited: '修改', deleted: '删除' } as const;

/** The document's title as the report names it (`app_config/tiers` is listed as `tiers`). */
function titleOf(report: ConfigReport, address: string): string {
  const id = address.startsWith('app_config/') ? address.slice('app_config/'.length) : address;
  return report.configs.find((c) => c.id === id)?.title ?? '已删除的配置';
}
