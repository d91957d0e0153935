import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { describeError } from '../../../services/cloud';
import { staffService, type TillCode } from '../../../services/staff';
import { STAFF_BIRTHDAY, STAFF_COUPON, STAFF_MEMBER, STAFF_ORDERS, STAFF_PICKUP, STAFF_REFUND, STAFF_SUMMARY } from '../../../routes';
import { Card, Cell, CellGroup, Notice, Page } from '../../../ui';
import { CodeReader } from '../../../components/CodeReader';
import { StaffGate } from '../StaffGate';
import { rememberVisit } from '../visit-store';
import '../staff.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** The desk: identify the member (scan, or member number + digits), and every other staff task. */
export default function StaffScanPage() {
  return (
    <Page className="staff-page staff-scan">
      <StaffGate>{() => <ScanDesk />}</StaffGate>
    </Page>
  );
}

function ScanDesk() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const onCode = async (code: TillCode): Promise<boolean> => {
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
      <Card title="识别会员">
        <CodeReader busy={busy} onCode={onCode} hint="请会员打开小程序「会员码」页" classPrefix="staff-code" />
        {error && (
          <Notice tone="danger" className="staff-page__error staff-scan-error">
            {error}
          </Notice>
        )}
      </Card>
      <CellGroup title="其他业务">
        <Cell icon="ticket" title="核销优惠券" onClick={go(STAFF_COUPON)} className="to-coupon-redeem" />
        <Cell icon="box" title="到店自提" description="积分兑换、拼团与秒杀" onClick={go(STAFF_PICKUP)} className="to-pickup" />
        <Cell icon="truck" title="兑换订单" description="快递发货、取消订单" onClick={go(STAFF_ORDERS)} className="to-staff-orders" />
        <Cell icon="refund" title="办理退款" description="整单或部分退款" onClick={go(STAFF_REFUND)} className="to-refund" />
        <Cell icon="cake" title="更正会员生日" onClick={go(STAFF_BIRTHDAY)} className="to-birthday" />
        <Cell icon="clipboard" title="今日小结" onClick={go(STAFF_SUMMARY)} className="to-summary" />
      </CellGroup>
    </View>
  );
}
