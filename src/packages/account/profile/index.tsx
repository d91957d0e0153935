import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { AvatarPicker } from '../../../components/AvatarPicker';
import { NicknameInput } from '../../../components/NicknameInput';
import { BirthdayPicker, type PartialBirthday } from '../../../components/BirthdayPicker';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { isCloudError } from '../../../services/cloud';
import { memberService, type MemberCenter, type UpdateProfileInput } from '../../../services/member';
import { formatBirthday } from '../../../utils/format';
import '../account.scss';
import './index.scss';
import { ErrorState, Field, Loading, Page } from '../../../ui';

const PROFILE_FIELDS = ['nickname', 'avatarUrl', 'birthday'] as const;

export default function EditProfilePage() {
  const { data, error, reload } = useCloudQuery(memberService.center);

  let body;
  if (data) body = <ProfileForm member={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else body = <Loading />;

  return <Page className="profile account-page">{body}</Page>;
}

function ProfileForm({ member }: { member: MemberCenter }) {
  const [nickname, setNickname] = useState(member.nickname);
  const [avatarUrl, setAvatarUrl] = useState(member.avatarUrl);
  const [birthday, setBirthday] = useState<PartialBirthday>({});
  const [saving, setSaving] = useState(false);
  const { errors, setError, clear, report } = useFieldErrors(PROFILE_FIELDS);
  const birthdayLocked = member.birthday !== null;

  const save = async () => {
    if (saving) return;
    clear();
    const input: UpdateProfileInput = {};
    if (nickname.trim() !== member.nickname) input.nickname = nickname.trim();
    if (avatarUrl !== member.avatarUrl) input.avatarUrl = avatarUrl;
    if (!birthdayLocked) {
      if (!!birthday.month !== !!birthday.day) {
        setError('birthday', '请选择完整的生日（月和日），或清除');
        return;
      }
      if (birthday.month && birthday.day) input.birthday = { month: birthday.month, day: birthday.day };
    }
    if (Object.keys(input).length === 0) {
      void Taro.showToast({ title: '没有要修改的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await memberService.updateProfile(input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      if (isCloudError(e) && e.code === 'BIRTHDAY_LOCKED') setError('birthday', e.message);
      else report(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="profile-form">
      <View className="ui-card">
        <Field label="头像" error={errors.avatarUrl}>
          <AvatarPicker value={avatarUrl} nickname={nickname} onChange={setAvatarUrl} />
        </Field>
        <Field label="昵称" error={errors.nickname}>
          <NicknameInput className="profile-nickname" value={nickname} onChange={setNickname} />
        </Field>
        {birthdayLocked && member.birthday ? (
          <Field label="生日" hint="生日设置后不可自行修改，如需更正请联系门店店员">
            <View className="profile-birthday profile-birthday--locked">{formatBirthday(member.birthday)}</View>
          </Field>
        ) : (
          <Field label="生日" optional error={errors.birthday} hint="生日设置后不可自行修改，请仔细确认">
            <BirthdayPicker value={birthday} onChange={setBirthday} />
          </Field>
        )}
      </View>

      <Button className={`ui-btn ui-btn--primary ui-btn--md ui-btn--block profile-submit ${saving ? 'ui-btn--disabled' : ''}`} disabled={saving || undefined} onClick={save}>
        {saving ? '正在保存…' : '保存'}
      </Button>
    </View>
  );
}
