import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService, type StaffIdentity } from '../../../services/staff';
import { STAFF_COUPON, STAFF_MEMBER, STAFF_PICKUP, STAFF_REFUND } from '../../../routes';
import { CodeReader } from '../CodeReader';
import { rememberVisit } from '../visit-store';
import '../staff.scss';
import './index.scss';

const ROLE_NAMES: Record<StaffIdentity['role'], string> = { clerk: '店员', manager: '店长', operator: '运营' };

export default function StaffScanPage() {
  const who = useCloudQuery(staffService.whoami);

  let body;
  if (who.data) body = <ScanDesk staff={who.data} />;
  else if (isCloudError(who.error) && who.error.code === 'FORBIDDEN') {
    body = <View className="staff-page__empty staff-forbidden">此页面仅限门店店员使用</View>;
  } else if (who.error) body = <ErrorState error={who.error} onRetry={who.reload} />;
  else body = <Loading />;

  return <PageShell className="staff-page staff-scan">{body}</PageShell>;
}

function ScanDesk({ staff }: { staff: StaffIdentity }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const onCode = async (code: string): Promise<boolean> => {
    setError(undefined);
    setBusy(true);
    try {
      const view = await staffService.scanMember(code);
      rememberVisit(view);
      void Taro.navigateTo({ url: `${STAFF_MEMBER}?visitId=${encodeURIComponent(view.visitId)}` });
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="staff-scan__desk">
      <View className="staff-page__intro">
        <View className="staff-page__title">扫码识别会员</View>
        <View className="staff-page__subtitle staff-identity">
          {staff.name} · {ROLE_NAMES[staff.role]}
          {staff.storeId ? ` · 门店 ${staff.storeId}` : ''}
        </View>
      </View>
      <View className="card">
        <CodeReader busy={busy} onCode={onCode} />
        {error && <View className="staff-page__error staff-scan-error">{error}</View>}
      </View>
      <View className="staff-page__link to-refund" onClick={() => Taro.navigateTo({ url: STAFF_REFUND })}>
        办理退款
      </View>
      <View className="staff-page__link to-coupon-redeem" onClick={() => Taro.navigateTo({ url: STAFF_COUPON })}>
        核销优惠券
      </View>
      <View className="staff-page__link to-pickup" onClick={() => Taro.navigateTo({ url: STAFF_PICKUP })}>
        积分兑换自提
      </View>
    </View>
  );
}
