import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Textarea, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { communityService } from '../../../services/community';
import { uploadImage } from '../../../services/storage';
import { newRequestId } from '../../../services/vip';
import { COMMUNITY_POST } from '../../../routes';
import '../community.scss';

const MAX_TEXT = 1000;
const MAX_IMAGES = 9;
const MAX_TOPICS = 3;

interface Picked {
  preview: string;
  fileId: string;
}

export default function ComposePage() {
  const { topic: preset } = useRouter().params;
  const topics = useCloudQuery(communityService.topics);
  const [text, setText] = useState('');
  const [images, setImages] = useState<Picked[]>([]);
  const [chosen, setChosen] = useState<string[]>(preset ? [preset] : []);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState('');
  // One request id per draft: a double tap or a retry publishes once.
  const [requestId] = useState(newRequestId);

  const pick = async () => {
    try {
      const res = await Taro.chooseImage({ count: MAX_IMAGES - images.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      setUploading(true);
      const uploaded: Picked[] = [];
      for (const path of res.tempFilePaths.slice(0, MAX_IMAGES - images.length)) {
        uploaded.push({ preview: path, fileId: await uploadImage(path, 'community') });
      }
      setImages((prev) => [...prev, ...uploaded]);
    } catch (e) {
      if (e instanceof Error && !/cancel/i.test(e.message)) setProblem(e.message);
    } finally {
      setUploading(false);
    }
  };

  const toggleTopic = (code: string) =>
    setChosen((prev) => (prev.includes(code) ? prev.filter((c) => c !== code) : prev.length < MAX_TOPICS ? [...prev, code] : prev));

  const submit = async () => {
    if (sending) return;
    setSending(true);
    setProblem('');
    try {
      const r = await communityService.createPost({ text: text.trim(), images: images.map((i) => i.fileId), topics: chosen, productTag: null, requestId });
      const title = r.held ? '已提交，审核通过后公开' : r.points > 0 ? `发布成功，+${r.points} 积分` : '发布成功';
      Taro.showToast({ title, icon: 'none' });
      Taro.redirectTo({ url: `${COMMUNITY_POST}?postId=${r.post.postId}` });
    } catch (e) {
      setProblem(isCloudError(e) && e.code === 'INVALID_INPUT' ? e.message : describeError(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <PageShell className="cm-page cm-compose">
      <View className="cm-page__intro">
        <View className="cm-page__title">分享新鲜事</View>
        <View className="cm-page__subtitle">真诚分享，友善交流；内容需通过安全审核</View>
      </View>
      <View className="cm-card">
        <Textarea className="cm-input cm-input--tall compose-text" value={text} maxlength={MAX_TEXT} placeholder="今天有什么想和大家分享的？" onInput={(e) => setText(e.detail.value)} />
        <View className="cm-author__meta">
          {text.length}/{MAX_TEXT}
        </View>
        <View className="cm-images">
          {images.map((i, idx) => (
            <Image key={i.fileId} className="cm-images__item compose-image" src={i.preview} mode="aspectFill" onClick={() => setImages(images.filter((_, j) => j !== idx))} />
          ))}
          {images.length < MAX_IMAGES && (
            <View className="cm-images__item cm-row compose-add-image" style={{ justifyContent: 'center' }} onClick={pick}>
              {uploading ? '上传中…' : '+ 图片'}
            </View>
          )}
        </View>
      </View>
      <View className="cm-card">
        <View className="cm-author__name">话题（最多 {MAX_TOPICS} 个）</View>
        <View className="cm-tags">
          {(topics.data?.topics ?? []).map((t) => (
            <View key={t.code} className={`cm-tag compose-topic ${chosen.includes(t.code) ? 'cm-tag--active' : ''}`} onClick={() => toggleTopic(t.code)}>
              #{t.name}
            </View>
          ))}
        </View>
      </View>
      {problem && <View className="cm-error compose-error">{problem}</View>}
      <Button className="cm-btn compose-submit" disabled={sending || uploading || (!text.trim() && images.length === 0) || undefined} onClick={submit}>
        {sending ? '发布中…' : '发布'}
      </Button>
    </PageShell>
  );
}
