import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { memberService } from '../../../services/member';
import './index.scss';

export default function PrivacyPolicyPage() {
  const { data, error, reload } = useCloudQuery(memberService.privacyPolicy);

  let body;
  if (data) {
    body = (
      <View className="card privacy">
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

  return <PageShell className="privacy-page">{body}</PageShell>;
}
