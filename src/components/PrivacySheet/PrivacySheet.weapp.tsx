import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { answerPrivacy, PRIVACY_AGREE_BUTTON_ID, subscribePrivacySheet } from '../../services/privacy-authorization';
import './PrivacySheet.scss';

/**
 * The sheet WeChat's privacy rules require before a privacy API runs: what is asked, a link to the
 * 用户隐私保护指引 filled in on mp.weixin.qq.com, and agree (open-type="agreePrivacyAuthorization") or refuse.
 */
export function PrivacySheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => subscribePrivacySheet(() => setOpen(true)), []);
  if (!open) return null;
  const answer = (agree: boolean) => {
    answerPrivacy(agree ? 'agree' : 'disagree');
    setOpen(false);
  };
  return (
    <View className="privacy-sheet-mask">
      <View className="privacy-sheet">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__body">
          为了设置头像和昵称、扫描会员码等功能，我们需要使用你的相关信息。请阅读并同意后继续。
        </Text>
        <Text className="privacy-sheet__link" onClick={() => Taro.openPrivacyContract({})}>
          《用户隐私保护指引》
        </Text>
        <View className="privacy-sheet__actions">
          <Button className="privacy-sheet__refuse" onClick={() => answer(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy-sheet__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
