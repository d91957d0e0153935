import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { Avatar } from '../Avatar';
import { toast } from '../../ui';
import { uploadAvatar } from '../../services/avatar-upload';
import { PresetGrid } from './PresetGrid';
import type { AvatarPickerProps } from './types';
import './AvatarPicker.scss';

export type { AvatarPickerProps } from './types';

/**
 * WeChat's avatar chooser (open-type="chooseAvatar") hands back a temporary file; it is uploaded to cloud
 * storage and the cloud fileID becomes the value. The built-in avatars stay available as an alternative.
 */
export function AvatarPicker({ value, nickname, onChange }: AvatarPickerProps) {
  const [uploading, setUploading] = useState(false);

  const onChooseAvatar = async (e: { detail: { avatarUrl?: string } }) => {
    const tempPath = e.detail.avatarUrl;
    if (!tempPath) return;
    setUploading(true);
    try {
      onChange(await uploadAvatar(tempPath));
    } catch (err) {
      console.error('[avatar] upload failed', err);
      toast.info('头像上传失败，请重试');
    } finally {
      setUploading(false);
    }
  };

  return (
    <View className="avatar-picker">
      <Button className="avatar-picker__choose" openType="chooseAvatar" onChooseAvatar={onChooseAvatar} disabled={uploading}>
        <Avatar src={value} fallbackText={nickname} size="lg" />
        <View className="avatar-picker__choose-text">{uploading ? '上传中…' : '使用微信头像'}</View>
      </Button>
      <View className="avatar-picker__hint">或选择一个默认头像</View>
      <PresetGrid value={value} onChange={onChange} />
    </View>
  );
}
