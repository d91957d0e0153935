import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import { BirthdayPicker, type PartialBirthday } from '../../../components/BirthdayPicker';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Field, InputField, Notice, Page, toast } from '../../../ui';
import { formatBirthday } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { StaffGate } from '../StaffGate';
import '../staff.scss';
import './index.scss';

type Errors = Partial<Record<'memberNo' | 'birthday' | 'reason', string>>;

/** 更正会员生日: members set it once; afterwards a clerk corrects it (after seeing an ID), audited. */
export default function StaffBirthdayPage() {
  return (
    <Page className="staff-page staff-birthday">
      <StaffGate>{() => <BirthdayDesk />}</StaffGate>
    </Page>
  );
}

function BirthdayDesk() {
  const [requestId, setRequestId] = useState(newRequestId);
  const [memberNo, setMemberNo] = useState('');
  const [birthday, setBirthday] = useState<PartialBirthday>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();

  const check = () => {
    const next: Errors = {
      memberNo: /^\d{12}$/.test(memberNo.replace(/\s/g, '')) ? undefined : '会员号应为 12 位数字',
      birthday: birthday.month && birthday.day ? undefined : '请选择正确的生日（月、日）',
      reason: reason.trim().length >= 2 ? undefined : '请填写更正原因（如：已核对证件）',
    };
    setErrors(next);
    setFailure(undefined);
    if (!next.memberNo && !next.birthday && !next.reason) setConfirming(true);
  };

  const submit = async () => {
    if (!birthday.month || !birthday.day) return;
    setBusy(true);
    try {
      const r = await staffService.correctBirthday({
        requestId,
        memberNo: memberNo.replace(/\s/g, ''),
        birthday: { month: birthday.month, day: birthday.day },
        reason: reason.trim(),
      });
      setDone(`已将 ${r.maskedName} 的生日更正为 ${formatBirthday(r.birthday)}`);
      toast.success('已更正');
      setRequestId(newRequestId());
      setMemberNo('');
      setBirthday({});
      setReason('');
    } catch (e) {
      const field = isCloudError(e) && e.field ? e.field.split('.')[0] : undefined;
      if (field === 'memberNo' || field === 'birthday' || field === 'reason') setErrors((x) => ({ ...x, [field]: describeError(e) }));
      else setFailure(describeError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Card className="birthday-form">
      {done && (
        <Notice tone="success" className="birthday-done">
          {done}
        </Notice>
      )}
      <InputField
        label="会员号"
        error={errors.memberNo}
        hint="会员「会员码」页上的 12 位数字"
        inputClass="ui-input--code birthday-member-no"
        type="number"
        value={memberNo}
        maxlength={14}
        placeholder="12 位会员号"
        onChange={(v) => {
          setMemberNo(v);
          setErrors((x) => ({ ...x, memberNo: undefined }));
        }}
      />
      <Field label="正确的生日" error={errors.birthday}>
        <BirthdayPicker value={birthday} onChange={(b) => { setBirthday(b); setErrors((x) => ({ ...x, birthday: undefined })); }} />
      </Field>
      <Field label="更正原因" error={errors.reason}>
        <Textarea className="ui-input ui-input--area birthday-reason" value={reason} maxlength={100} placeholder="例如：已核对身份证" onInput={(e) => { setReason(e.detail.value); setErrors((x) => ({ ...x, reason: undefined })); }} />
      </Field>
      {failure && (
        <Notice tone="danger" className="staff-page__error birthday-error">
          {failure}
        </Notice>
      )}
      <View className="staff-page__actions">
        <Button block className="birthday-submit" onClick={check}>
          更正生日
        </Button>
      </View>
      <ConfirmSheet
        open={confirming}
        title="确认更正生日"
        rows={[
          { label: '会员号', value: memberNo.replace(/\s/g, '') },
          { label: '生日', value: birthday.month && birthday.day ? `${birthday.month}月${birthday.day}日` : '', emphasis: true },
        ]}
        note="更正会记录在审计日志中，生日礼将按新生日发放。"
        confirmText="确认更正"
        busy={busy}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </Card>
  );
}
