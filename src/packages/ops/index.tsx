import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { OPS_LAYERS } from '../../routes';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { adminService, type ConfigReport } from '../../services/admin';
import { Card, Cell, CellGroup, Notice, Page, QueryView, Tag } from '../../ui';
import './index.scss';

/**
 * 运营看板: the health of every operator document (tiers, earn rules, stores, coupons, mall items...). A broken
 * one never breaks a member's request (the default stands in), so it would go unnoticed without this page.
 */
export default function OpsDashboardPage() {
  const report = useCloudQuery(adminService.configReport, { refreshOnShow: true });
  return (
    <Page className="ops">
      <QueryView query={report}>{(r) => <Report report={r} />}</QueryView>
    </Page>
  );
}

function Report({ report }: { report: ConfigReport }) {
  const broken = report.configs.filter((c) => c.status === 'invalid');
  return (
    <View>
      <Notice tone={broken.length ? 'danger' : 'success'} className="ops__summary ops-summary">
        {broken.length ? `${broken.length} 份配置有误，会员端暂用默认值，请尽快修正` : `全部 ${report.configs.length} 份配置均有效`}
      </Notice>
      {broken.map((c) => (
        <Card key={c.id} title={c.title} extra={<Tag tone="danger">有误</Tag>} className="ops-problem">
          {c.status === 'invalid' &&
            c.problems.map((p) => (
              <View key={p} className="ops__problem">
                {p}
              </View>
            ))}
        </Card>
      ))}
      <CellGroup>
        <Cell icon="chart" title="会员分层" description="评分分布、各分层人数与变动" onClick={() => void Taro.navigateTo({ url: OPS_LAYERS })} className="to-layers" />
      </CellGroup>
      <CellGroup title="全部配置">
        {report.configs.map((c) => (
          <Cell key={c.id} title={c.title} description={c.id} value={<Tag tone={c.status === 'ok' ? 'success' : c.status === 'invalid' ? 'danger' : 'neutral'}>{c.status === 'ok' ? '有效' : c.status === 'invalid' ? '有误' : '默认'}</Tag>} />
        ))}
      </CellGroup>
    </View>
  );
}
