import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CheckInCalendar } from '../../../components/CheckInCalendar';
import { LineItemList } from '../../../components/LineItemList';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { pointsService, type CheckInResult, type CheckInStatus } from '../../../services/points';
import { POINTS_HISTORY } from '../../../routes';
import { formatNumber } from '../../../utils/format';
import { rewardForDay } from '../points-format';
import './index.scss';
import { Card, ErrorState, Loading, Notice, Page, Tag, noOrphan, toast } from '../../../ui';

export default function CheckInPage() {
  const { data, error, loading, reload } = useCloudQuery(pointsService.checkInStatus, { refreshOnShow: true });

  let body;
  if (data) body = <CheckInView status={data} onStale={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，每天签到即可领取积分。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <Page className="checkin-page">{body}</Page>;
}

function CheckInView({ status, onStale }: { status: CheckInStatus; onStale: () => void }) {
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // This visit's check-in answer is newer than the status loaded before it, unless the status has since been
  // reloaded on a later day (the page left open overnight).
  const today = result && result.day >= status.today ? result : null;
  const done = status.checkedInToday || today !== null;
  const streak = today ? today.streak : status.streak;
  const week = today ? status.week.map((d) => (d.day === today.day ? { ...d, checkedIn: true } : d)) : status.week;
  // Today's check-in is streak day `streak + 1`; once done, that is tomorrow's.
  const nextDay = streak + 1;
  const tomorrowReward = rewardForDay(status.rewards, nextDay);

  const checkIn = async () => {
    if (submitting) return;
    if (done) {
      toast.info('今天已经签到过了，明天再来吧');
      return;
    }
    setSubmitting(true);
    try {
      const answer = await pointsService.checkIn();
      setResult(answer);
      // Checked in just after midnight on a status from yesterday: reload the strip and the streak.
      if (answer.day !== status.today) onStale();
      // A repeat (another device, a retry after a lost answer) is not an error: today is simply done.
      if (answer.repeated) toast.info('今天已经签到过了');
      else toast.success(`签到成功 +${answer.award.total}`);
    } catch (e) {
      toast.error(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="checkin">
      <Card className="checkin__hero">
        <View className="checkin__hero-top">
          <View className="checkin-streak">
            已连续签到 <Text className="checkin-streak__n">{streak}</Text> 天
          </View>
          {status.memberDayToday && (
            <View className="checkin-member-day">
              <Tag tone="primary">会员日</Tag>
              <Text className="checkin-member-day__text">今天签到有额外奖励</Text>
            </View>
          )}
        </View>

        <CheckInCalendar className="checkin__calendar" week={week} today={status.today} />

        <View className="checkin__action">
          {/* A View, not a Button: the H5 button greys its text whenever `disabled` is passed, even false. */}
          <View
            className={`checkin-button ${done ? 'checkin-button--done' : ''} ${submitting ? 'checkin-button--busy' : ''}`}
            hoverClass="checkin-button--pressed"
            onClick={checkIn}
          >
            <View className="checkin-button__label">{submitting ? '签到中' : done ? '已签到' : '签到'}</View>
            {!done && !submitting && <View className="checkin-button__reward">+{status.nextReward} 积分</View>}
          </View>
          {done && <View className="checkin-done">{noOrphan(`今日已签到，明天再来可得 ${tomorrowReward} 积分`)}</View>}
        </View>
      </Card>

      {today && (
        <Card
          className="checkin-award"
          title={today.repeated ? '今天已经签到过了' : '签到成功'}
          extra={<Text className="checkin-award__total">+{formatNumber(today.award.total)} 积分</Text>}
        >
          <LineItemList className="checkin-award__items" itemClassName="checkin-line-item" items={today.award.lineItems} />
          <View className="checkin-award__foot">
            <Text className="checkin-balance">当前积分 {formatNumber(today.balance)}</Text>
            <Text className="checkin-award__link checkin-to-history" onClick={() => Taro.navigateTo({ url: POINTS_HISTORY })}>
              积分明细
            </Text>
          </View>
        </Card>
      )}

      <RewardTable rewards={status.rewards} streak={streak} nextDay={nextDay} done={done} />
    </View>
  );
}

/**
 * Day N of a streak earns rewards[N-1]; after the last day the last reward repeats. Four equal columns; when
 * the last row would have one gap (7 rewards), the repeating last day takes two cells, so the grid stays whole.
 */
function RewardTable({ rewards, streak, nextDay, done }: { rewards: number[]; streak: number; nextDay: number; done: boolean }) {
  const nextIndex = Math.min(nextDay, rewards.length) - 1;
  const widenLast = rewards.length % 4 === 3;
  return (
    <Card className="checkin-rewards" title="连续签到奖励">
      <View className="checkin-rewards__grid">
        {rewards.map((points, i) => {
          const day = i + 1;
          const isLast = day === rewards.length;
          const reached = streak >= day;
          const isNext = i === nextIndex;
          const classes = [
            'checkin-reward',
            reached ? 'checkin-reward--reached' : '',
            isNext ? 'checkin-reward--next' : '',
            isLast && widenLast ? 'checkin-reward--wide' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <View key={day} className={classes}>
              <Text className="checkin-reward__points">+{points}</Text>
              <Text className="checkin-reward__day">{isNext ? (done ? '明天' : '今天') : isLast && rewards.length > 1 ? `第${day}天起` : `第${day}天`}</Text>
            </View>
          );
        })}
      </View>
      <Notice tone="neutral" className="checkin-rewards__rules">
        {`每天可签到一次，断签后从第 1 天重新计算${rewards.length > 1 ? `；连续第 ${rewards.length} 天起每天 +${rewards[rewards.length - 1]} 积分` : ''}`}
      </Notice>
    </Card>
  );
}
