import { Text, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { memberService } from '../../../services/member';
import { formatDay } from '../../../utils/format';
import { Card, Notice, Page, QueryView, Tag } from '../../../ui';
import './index.scss';

/** 隐私政策: the operator's current policy (the version registration consents to), summary first. */
export default function PrivacyPolicyPage() {
  const policy = useCloudQuery(memberService.privacyPolicy);
  return (
    <Page className="privacy-page">
      <QueryView query={policy}>
        {(data) => (
          <View className="privacy">
            <Card title={data.title} extra={<Tag className="privacy__version">{`${versionLabel(data.version)}版`}</Tag>}>
              <Notice tone="primary" icon="shield" className="privacy__summary">
                {data.summary}
              </Notice>
            </Card>
            <Card className="privacy__body">
              {data.body
                .split('\n')
                .filter((p) => p.trim())
                .map((p, i) => (
                  <View key={i} className="privacy-paragraph">
                    <Text>{p}</Text>
                  </View>
                ))}
            </Card>
          </View>
        )}
      </QueryView>
    </Page>
  );
}

/** "2026-11-01" -> "2026年11月1日"; any other version name as it is. */
function versionLabel(version: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(version) ? formatDay(version) : version;
}
