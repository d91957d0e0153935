import { useState } from 'react';
import { Image, View } from '@tarojs/components';
import { pickError, pickImages, type PickedImage } from '../../services/pick-images';
import { Icon, toast } from '../../ui';
import './index.scss';

interface ImageSlotProps {
  image: PickedImage | null;
  onChange: (image: PickedImage | null) => void;
  /** Cloud storage folder the picture is uploaded to. */
  folder: string;
  /** `sm`: a square thumbnail beside a field (a poll option); `lg`: a wide cover. */
  size?: 'sm' | 'lg';
  /** Names the parts for tests: `<className>`, `<className>-add`, `<className>-remove`. */
  className: string;
}

/** One optional picture: an add tile, or the chosen picture (previewed from the device) with a remove button. */
export function ImageSlot({ image, onChange, folder, size = 'sm', className }: ImageSlotProps) {
  const [uploading, setUploading] = useState(false);
  const pick = async () => {
    if (uploading) return;
    try {
      const [picked] = await pickImages(1, folder, () => setUploading(true));
      if (picked) onChange(picked);
    } catch (e) {
      toast.info(pickError(e));
    } finally {
      setUploading(false);
    }
  };
  if (image) {
    return (
      <View className={`image-slot image-slot--${size}`}>
        <Image className={`image-slot__picture ${className}`} src={image.preview} mode="aspectFill" />
        <View className={`image-slot__remove ${className}-remove`} onClick={() => onChange(null)}>
          <Icon name="close" size="sm" color="inverse" />
        </View>
      </View>
    );
  }
  return (
    <View className={`image-slot image-slot--${size} image-slot--add ${className}-add`} onClick={() => void pick()}>
      <Icon name="image" size={size === 'sm' ? 'sm' : 'md'} color="textSecondary" />
      {size === 'lg' && <View className="image-slot__text">{uploading ? '上传中…' : '添加图片'}</View>}
      {size === 'sm' && uploading && <View className="image-slot__text">上传中</View>}
    </View>
  );
}
