import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { AvatarPicker } from '../../../components/AvatarPicker';
import { NicknameInput } from '../../../components/NicknameInput';
import { BirthdayPicker, type PartialBirthday } from '../../../components/BirthdayPicker';
import { ConsentCheck } from '../../../components/ConsentCheck';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { isCloudError } from '../../../services/cloud';
import { memberService, type PrivacyPolicy, type RegisterInput } from '../../../services/member';
import { bindWaitingScene } from '../../../services/share-scene';
import { MEMBER_CENTER, PRIVACY_POLICY, returnAfterRegister } from '../../../routes';
import '../account.scss';
import './index.scss';
import { Button, Card, ErrorState, Field, Loading, Page, toast } from '../../../ui';

const REGISTER_FIELDS = ['nickname', 'avatarUrl', 'birthday', 'phone', 'consent'] as const;
const NICKNAME_MAX = 20;

export default function RegisterPage() {
  const policy = useCloudQuery(memberService.privacyPolicy);
  // Invited from a page (a shared group...): that page again once registered.
  const back = returnAfterRegister(useRouter().params.back);

  let body;
  if (policy.data) body = <RegisterForm policy={policy.data} back={back} />;
  else if (policy.error) body = <ErrorState error={policy.error} onRetry={policy.reload} />;
  else body = <Loading />;

  return <Page className="register account-page">{body}</Page>;
}

/** The inviting page: the one below when it is that page (no duplicate in the stack), else it replaces this one. */
async function returnTo(back: string) {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2];
  const route = (p: string) => p.replace(/^\//, '').split('?')[0];
  if (below && route(below.route ?? '') === route(back)) await Taro.navigateBack();
  else await Taro.redirectTo({ url: back });
}

function RegisterForm({ policy, back }: { policy: PrivacyPolicy; back: string | null }) {
  const [nickname, setNickname] = useState('');
  const [avatarUrl, setAvatarUrl] = useState('preset:1');
  const [birthday, setBirthday] = useState<PartialBirthday>({});
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const { errors, setError, clear, report } = useFieldErrors(REGISTER_FIELDS);

  /** Every problem at once, in the words the server would use; each clears as its field is fixed. */
  const problems = (): Partial<Record<(typeof REGISTER_FIELDS)[number], string>> => ({
    nickname: nickname.trim() ? (Array.from(nickname.trim()).length > NICKNAME_MAX ? `昵称最多 ${NICKNAME_MAX} 个字` : undefined) : '请填写昵称',
    birthday: !!birthday.month !== !!birthday.day ? '请选择完整的生日（月和日），或清除' : undefined,
    phone: phone.trim() && !/^1[3-9]\d{9}$/.test(phone.trim()) ? '手机号格式不正确' : undefined,
    consent: consent ? undefined : '请先阅读并同意《隐私政策》',
  });
  const change = <T,>(field: (typeof REGISTER_FIELDS)[number], set: (v: T) => void) => (v: T) => {
    set(v);
    setError(field, undefined);
  };

  const submit = async () => {
    if (submitting) return;
    clear();
    const found = Object.entries(problems()).filter(([, m]) => m);
    if (found.length > 0) {
      for (const [field, message] of found) setError(field, message);
      return;
    }
    const input: RegisterInput = {
      consent: { policyVersion: policy.version, accepted: true },
      nickname: nickname.trim(),
      avatarUrl,
      ...(birthday.month && birthday.day ? { birthday: { month: birthday.month, day: birthday.day } } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    setSubmitting(true);
    try {
      await memberService.register(input);
      // Opened from a distributor's share: bind now that the caller is a member (quietly, never blocking).
      void bindWaitingScene();
      toast.success('欢迎加入');
      // Back to the page that invited (it refreshes itself when shown), else the member center (a tab page).
      if (back) await returnTo(back);
      else await Taro.switchTab({ url: MEMBER_CENTER });
    } catch (e) {
      if (isCloudError(e) && e.code === 'CONSENT_REQUIRED') setError('consent', e.message);
      else report(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="register-form">
      <View className="account-page__intro">
        <View className="account-page__subtitle">完善以下信息，开启你的会员旅程</View>
      </View>

      <Card>
        <Field label="头像" error={errors.avatarUrl}>
          <AvatarPicker value={avatarUrl} nickname={nickname} onChange={setAvatarUrl} />
        </Field>
        <Field label="昵称" error={errors.nickname} counter={{ length: Array.from(nickname).length, max: NICKNAME_MAX }}>
          <NicknameInput className="register-nickname" value={nickname} onChange={change('nickname', setNickname)} />
        </Field>
        <Field label="生日" optional error={errors.birthday} hint="生日设置后不可自行修改，用于发放生日礼">
          <BirthdayPicker value={birthday} onChange={change('birthday', setBirthday)} />
        </Field>
        <Field label="手机号" optional error={errors.phone} hint="仅用于到店核对会员身份">
          <Input
            className="ui-input register-phone"
            type="number"
            maxlength={11}
            value={phone}
            placeholder="填写手机号"
            onInput={(e) => change('phone', setPhone)(e.detail.value)}
          />
        </Field>
      </Card>

      <Card title={policy.title} className="register-policy">
        <View className="register-policy__summary">{policy.summary}</View>
        <Button variant="text" size="sm" icon="shield" className="register-policy__link to-privacy" onClick={() => void Taro.navigateTo({ url: PRIVACY_POLICY })}>
          查看完整《隐私政策》
        </Button>
      </Card>

      <View className={`register-consent-row ${errors.consent ? 'register-consent-row--invalid' : ''}`}>
        <ConsentCheck className="register-consent" checked={consent} onChange={(v) => { setConsent(v); setError('consent', undefined); }}>
          我已阅读并同意
          <Text className="register-consent__link" onClick={(e) => { e.stopPropagation(); void Taro.navigateTo({ url: PRIVACY_POLICY }); }}>
            《隐私政策》
          </Text>
        </ConsentCheck>
        {errors.consent && <View className="ui-field__error register-consent-error">{errors.consent}</View>}
      </View>

      <Button block className="register-submit" loading={submitting} loadingText="正在加入…" onClick={() => void submit()}>
        同意并加入
      </Button>
    </View>
  );
}
