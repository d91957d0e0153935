import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, InputField } from '../../ui';
import type { CodeReaderProps } from './types';

/**
 * The manual path, on every platform: the member number printed on the member's screen and the 6-digit
 * one-time code under it. Checked here for shape only (digits, lengths); the server checks the rest.
 */
export function ManualCodeForm({ busy, onCode, label = '会员码', pinLabel = '动态码', classPrefix = 'staff-code' }: CodeReaderProps) {
  const [memberNo, setMemberNo] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ memberNo?: string; pin?: string }>({});
  const digits = (v: string) => v.replace(/\D/g, '');

  const submit = async () => {
    const no = digits(memberNo);
    const code = digits(pin);
    const next = {
      memberNo: no.length === 12 ? undefined : '会员号应为 12 位数字',
      pin: code.length === 6 ? undefined : `${pinLabel}应为 6 位数字`,
    };
    setErrors(next);
    if (next.memberNo || next.pin || busy) return;
    if (await onCode({ manual: { memberNo: no, pin: code } })) {
      setMemberNo('');
      setPin('');
    }
  };

  return (
    <View className="code-reader__manual">
      <InputField
        label="会员号"
        error={errors.memberNo}
        hint="会员屏幕上显示的 12 位数字"
        inputClass={`ui-input--code ${classPrefix}-member-no`}
        type="number"
        value={memberNo}
        maxlength={14}
        placeholder="12 位会员号"
        onChange={(v) => {
          setMemberNo(v);
          if (errors.memberNo && digits(v).length === 12) setErrors((x) => ({ ...x, memberNo: undefined }));
        }}
      />
      <InputField
        label={pinLabel}
        error={errors.pin}
        hint="每 30 秒更新，只能用一次"
        inputClass={`ui-input--code ${classPrefix}-pin`}
        type="number"
        value={pin}
        maxlength={7}
        placeholder="6 位数字"
        onChange={(v) => {
          setPin(v);
          if (errors.pin && digits(v).length === 6) setErrors((x) => ({ ...x, pin: undefined }));
        }}
      />
      <Button block className={`${classPrefix}-submit`} loading={busy} loadingText="正在识别…" onClick={() => void submit()}>
        {`识别${label}`}
      </Button>
    </View>
  );
}
