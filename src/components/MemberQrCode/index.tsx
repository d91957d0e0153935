import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { describeError } from '../../services/cloud';
import { memberCodeService } from '../../services/member-code';
import { Button } from '../../ui';
import { formatMemberNo } from '../../utils/format';
import { qrDataUri } from './qr-image';
import './index.scss';

/** After a failed fetch, try again this soon (the code on screen will not last much longer). */
const RETRY_MS = 10_000;

/** What a code issuer answers: the token to encode, the typed form (member number + digits), when to refresh. */
export interface IssuedCode {
  token: string;
  refreshSeconds: number;
  memberNo: string;
  pin: string;
}

export interface MemberQrCodeProps {
  /** Fetches a fresh code; the member code by default (coupons and pickup orders pass their own). */
  issue?: () => Promise<IssuedCode>;
  title?: string;
  hint?: string;
  refreshLabel?: string;
  /** What the digits are called ("动态码", "券动态码", "提货动态码"). */
  pinLabel?: string;
  /** Extra class on the QR image, for tests (`.my-coupon-qr`...). */
  imageClassName?: string;
}

interface ShownCode {
  token: string;
  image: string;
  memberNo: string;
  pin: string;
  /** Client time (ms) of the next automatic refresh. */
  refreshAt: number;
}

/**
 * A live till code: the QR to scan and, under it, the member number and a 6-digit one-time code a clerk can
 * type when there is no scanner (like a bank token). Fetched when shown, refreshed when the digits roll over
 * (every 30 s) while the page is on screen, stopped when it is hidden. The server signs each code for 60 s
 * and accepts it once, so a screenshot is worth little; the countdown tells the member the code is live.
 */
export function MemberQrCode({
  issue = memberCodeService.issue,
  title = '动态会员码',
  hint = '到店消费时请向店员出示，每个码仅可使用一次',
  refreshLabel = '刷新',
  pinLabel = '动态码',
  imageClassName,
}: MemberQrCodeProps = {}) {
  const issueRef = useRef(issue);
  issueRef.current = issue;
  const [code, setCode] = useState<ShownCode>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [active, setActive] = useState(true);
  const hidden = useRef(false);
  const nextAt = useRef(Number.POSITIVE_INFINITY);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    nextAt.current = Number.POSITIVE_INFINITY;
    setLoading(true);
    try {
      const issued = await issueRef.current();
      const image = await qrDataUri(issued.token);
      if (mine !== seq.current) return;
      const t = Date.now();
      const refreshAt = t + issued.refreshSeconds * 1000;
      nextAt.current = refreshAt;
      setNow(t);
      setCode({ token: issued.token, image, refreshAt, memberNo: issued.memberNo, pin: issued.pin });
      setError(undefined);
    } catch (e) {
      if (mine !== seq.current) return;
      nextAt.current = Date.now() + RETRY_MS;
      setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  // Mounted while the page is shown (the card appears after its own fetch): fetch now.
  useEffect(() => {
    const calls = seq;
    void refresh();
    return () => {
      calls.current++; // drop answers that arrive after unmount
    };
  }, [refresh]);

  useDidShow(() => {
    if (!hidden.current) return; // the first show: the mount effect already fetched
    hidden.current = false;
    setActive(true);
    void refresh();
  });
  useDidHide(() => {
    hidden.current = true;
    setActive(false);
    seq.current++;
    nextAt.current = Number.POSITIVE_INFINITY;
    setLoading(false);
  });

  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= nextAt.current) void refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, refresh]);

  const secondsLeft = code ? Math.max(0, Math.ceil((code.refreshAt - now) / 1000)) : 0;
  let status: string;
  if (error) status = describeError(error);
  else if (!code) status = '正在生成…';
  else if (loading) status = '正在刷新…';
  else status = `${secondsLeft} 秒后自动刷新`;

  return (
    <View className="member-qr-box">
      <View className="member-qr-box__title">{title}</View>
      <View className={`member-qr-box__frame ${error ? 'member-qr-box__frame--stale' : ''}`}>
        {code ? (
          <Image className={`member-qr ${imageClassName ?? ''}`} src={code.image} mode="aspectFit" />
        ) : (
          <View className="member-qr-box__placeholder">{error ? '暂未生成' : '生成中…'}</View>
        )}
      </View>
      {code && (
        <View className={`member-qr-box__digits ${error ? 'member-qr-box__frame--stale' : ''}`}>
          <View className="member-qr-box__digit-row">
            <Text className="member-qr-box__digit-label">会员号</Text>
            <Text className="member-qr-no">{formatMemberNo(code.memberNo)}</Text>
          </View>
          <View className="member-qr-box__digit-row">
            <Text className="member-qr-box__digit-label">{pinLabel}</Text>
            <Text className="member-qr-pin">{`${code.pin.slice(0, 3)} ${code.pin.slice(3)}`}</Text>
          </View>
        </View>
      )}
      <View className={`member-qr-countdown ${error ? 'member-qr-countdown--error' : ''}`}>{status}</View>
      <Button variant="secondary" size="sm" icon="refresh" className="member-qr-refresh" loading={loading} onClick={() => void refresh()}>
        {refreshLabel}
      </Button>
      <View className="member-qr-box__hint">{hint}</View>
    </View>
  );
}
