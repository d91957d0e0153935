import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
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
import { Button, Card, ErrorState, Field, Loading, Page, toast } from '../../../ui';

const PROFILE_FIELDS = ['nickname', 'avatarUrl', 'birthday'] as const;
const NICKNAME_MAX = 20;

export default function EditProfilePage() {
  const { data, error, reload } = useCloudQuery(memberService.center);

  let body;
  if (data) body = <ProfileForm member={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else body = <Loading />;

  return <Page className="profile">{body}</Page>;
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
      toast.info('没有要修改的内容');
      return;
    }
    setSaving(true);
    try {
      await memberService.updateProfile(input);
      toast.success('已保存');
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
      <Card className="profile-card">
        <Field label="头像" error={errors.avatarUrl} hint="展示在会员卡和会员中心">
          <AvatarPicker value={avatarUrl} nickname={nickname} onChange={setAvatarUrl} />
        </Field>
        <Field label="昵称" error={errors.nickname} counter={{ length: Array.from(nickname).length, max: NICKNAME_MAX }}>
          <NicknameInput className="profile-nickname" value={nickname} onChange={(v) => { setNickname(v); setError('nickname', undefined); }} />
        </Field>
      </Card>

      <Card className="profile-card">
        {birthdayLocked && member.birthday ? (
          <Field label="生日" hint="生日设置后不可自行修改，如需更正请联系门店店员">
            <View className="profile-birthday profile-birthday--locked">{formatBirthday(member.birthday)}</View>
          </Field>
        ) : (
          <Field label="生日" optional error={errors.birthday} hint="生日设置后不可自行修改，请仔细确认">
            <BirthdayPicker value={birthday} onChange={(v) => { setBirthday(v); setError('birthday', undefined); }} />
          </Field>
        )}
      </Card>

      <Button block className="profile-submit" loading={saving} loadingText="正在保存…" onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}
