import { Text, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { memberService } from '../../../services/member';
import './index.scss';
import { ErrorState, Loading, Page } from '../../../ui';

export default function PrivacyPolicyPage() {
  const { data, error, reload } = useCloudQuery(memberService.privacyPolicy);

  let body;
  if (data) {
    body = (
      <View className="ui-card privacy">
        <View className="privacy-title">{data.title}</View>
        <View className="privacy__version">版本 {data.version}</View>
        <View className="privacy__summary">{data.summary}</View>
        {data.body.split('\n').filter((p) => p.trim()).map((p, i) => (
          <View key={i} className="privacy-paragraph">
            <Text>{p}</Text>
          </View>
        ))}
      </View>
    );
  } else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else body = <Loading />;

  return <Page className="privacy-page">{body}</Page>;
}
