import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { mallService, orderStatusName, type MallPickedUp } from '../../../services/mall';
import { staffService } from '../../../services/staff';
import { formatMemberNo } from '../../../utils/format';
import { CodeReader } from '../CodeReader';
import '../staff.scss';

export default function StaffPickupPage() {
  const who = useCloudQuery(staffService.whoami);

  let body;
  if (who.data) body = <PickupDesk />;
  else if (isCloudError(who.error) && who.error.code === 'FORBIDDEN') {
    body = <View className="staff-page__empty staff-forbidden">此页面仅限门店店员使用</View>;
  } else if (who.error) body = <ErrorState error={who.error} onRetry={who.reload} />;
  else body = <Loading />;

  return <PageShell className="staff-page staff-pickup">{body}</PageShell>;
}

/** Member numbers are shown by their last 4 digits only at the counter. */
function memberTail(memberNo: string): string {
  return formatMemberNo(memberNo).slice(-4);
}

function PickupDesk() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<MallPickedUp>();

  const onCode = async (code: string): Promise<boolean> => {
    setError(undefined);
    setBusy(true);
    try {
      // The code is single use: a second scan of the same code is refused (CODE_USED), never a second handover.
      setResult(await mallService.pickup(code));
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const experience = result.kind === 'experience';
    return (
      <View>
        <View className="staff-result staff-pickup-result">
          <View className="staff-result__headline">{experience ? '核销成功' : '已交付，请将商品交给会员'}</View>
          <View className="staff-result__row">
            <View>商品</View>
            <View className="staff-pickup-title">
              {result.title} × {result.quantity}
            </View>
          </View>
          <View className="staff-result__row">
            <View>会员号尾号</View>
            <View className="staff-pickup-member">{memberTail(result.memberNo)}</View>
          </View>
          <View className="staff-result__row">
            <View>订单</View>
            <View>…{result.orderNo.slice(-8)}</View>
          </View>
          <View className="staff-result__row">
            <View>状态</View>
            <View className="staff-pickup-status">{orderStatusName({ status: result.status, kind: result.kind, delivery: { mode: 'pickup', storeId: '' } })}</View>
          </View>
        </View>
        <Button className="btn btn--primary btn--block staff-page__actions to-next-pickup" onClick={() => setResult(undefined)}>
          继续扫码
        </Button>
      </View>
    );
  }

  return (
    <View>
      <View className="staff-page__intro">
        <View className="staff-page__title">积分兑换自提</View>
        <View className="staff-page__subtitle">请会员在「我的兑换」中出示提货码</View>
      </View>
      <View className="card">
        <CodeReader
          busy={busy}
          onCode={onCode}
          label="提货码"
          hint="请会员打开「我的兑换」，对准提货码扫描"
          inputClassName="staff-pickup-code-input"
          submitClassName="staff-pickup-submit"
        />
        {error && <View className="staff-page__error staff-pickup-error">{error}</View>}
      </View>
    </View>
  );
}
