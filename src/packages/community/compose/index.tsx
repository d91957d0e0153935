import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Textarea, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { communityService, restrictionText } from '../../../services/community';
import { mallService, type MallItem } from '../../../services/mall';
import { pickError, pickImages, type PickedImage } from '../../../services/pick-images';
import { COMMUNITY_POST } from '../../../routes';
import { Button, Card, Cell, Empty, ErrorState, Field, Icon, Loading, Notice, Page, Sheet, Tag, toast } from '../../../ui';
import { formatNumber } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import '../community.scss';

const MAX_TEXT = 1000;
const MAX_IMAGES = 9;
const MAX_TOPICS = 3;

/** Writing a post: text, up to nine pictures, up to three topics and an optional mall item it is about. */
export default function ComposePage() {
  const { topic: preset } = useRouter().params;
  const me = useCloudQuery(communityService.me);
  const topics = useCloudQuery(communityService.topics);
  const [text, setText] = useState('');
  const [images, setImages] = useState<PickedImage[]>([]);
  const [chosen, setChosen] = useState<string[]>(preset ? [preset] : []);
  const [product, setProduct] = useState<MallItem | null>(null);
  const [picking, setPicking] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  // One request id per draft: a double tap or a retry publishes once; editing the draft makes it a new one.
  const requestId = useRef<string | null>(null);
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    requestId.current = null;
    set(v);
  };

  const pick = async () => {
    if (uploading) return;
    try {
      const uploaded = await pickImages(MAX_IMAGES - images.length, 'community', () => setUploading(true));
      if (uploaded.length) edit(setImages)([...images, ...uploaded]);
    } catch (e) {
      toast.info(pickError(e));
    } finally {
      setUploading(false);
    }
  };

  const toggleTopic = (code: string) => {
    if (!chosen.includes(code) && chosen.length >= MAX_TOPICS) return toast.info(`最多选 ${MAX_TOPICS} 个话题`);
    edit(setChosen)(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  };

  const submit = async () => {
    if (sending) return;
    setSending(true);
    setProblem(null);
    requestId.current ??= newRequestId();
    try {
      const r = await communityService.createPost({
        text: text.trim(),
        images: images.map((i) => i.fileId),
        topics: chosen,
        productTag: product ? { itemId: product.itemId } : null,
        requestId: requestId.current,
      });
      toast.info(r.held ? '已提交，审核通过后公开' : r.points > 0 ? `发布成功，+${formatNumber(r.points)} 积分` : '发布成功');
      void Taro.redirectTo({ url: `${COMMUNITY_POST}?postId=${r.post.postId}` });
    } catch (e) {
      setProblem({ field: isCloudError(e) ? e.field : undefined, message: describeError(e) });
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setSending(false);
    }
  };

  const muted = me.data?.muted ?? null;
  const empty = !text.trim() && images.length === 0;
  const fieldError = (f: string) => (problem && problem.field?.split('.')[0] === f ? problem.message : undefined);
  const generalError = problem && !['text', 'images', 'topics', 'productTag'].includes(problem.field?.split('.')[0] ?? '') ? problem.message : null;

  return (
    <Page
      className="cm-page cm-compose"
      footer={
        <Button block className="compose-submit" loading={sending} loadingText="发布中…" disabled={empty || uploading || muted !== null} onClick={() => void submit()}>
          发布
        </Button>
      }
    >
      {muted && (
        <Notice tone="danger" className="cm-note compose-muted">
          {`${restrictionText(muted)}，暂时不能发帖${muted.note ? `：${muted.note}` : ''}`}
        </Notice>
      )}
      <Card>
        <Field label="内容" counter={{ length: text.length, max: MAX_TEXT }} error={fieldError('text')}>
          <Textarea
            className="cm-input cm-input--tall compose-text"
            value={text}
            maxlength={MAX_TEXT}
            placeholder="今天有什么想和大家分享的？真诚分享、友善交流"
            onInput={(e) => edit(setText)(e.detail.value)}
          />
        </Field>
        <Field label={`图片（${images.length}/${MAX_IMAGES}）`} optional error={fieldError('images')}>
          <View className="cm-images">
            {images.map((i, idx) => (
              <View key={i.fileId} className="cm-images__item">
                <Image className="cm-images__picture compose-image" src={i.preview} mode="aspectFill" />
                <View className="cm-images__remove compose-image-remove" onClick={() => edit(setImages)(images.filter((_, j) => j !== idx))}>
                  <Icon name="close" size="sm" color="inverse" />
                </View>
              </View>
            ))}
            {images.length < MAX_IMAGES && (
              <View className="cm-images__item cm-images__add compose-add-image" onClick={() => void pick()}>
                <Icon name="image" color="textSecondary" />
                {uploading ? '上传中…' : '添加图片'}
              </View>
            )}
          </View>
        </Field>
      </Card>
      <Card title={`话题（最多 ${MAX_TOPICS} 个）`}>
        {topics.error !== undefined ? (
          <ErrorState error={topics.error} onRetry={() => void topics.reload()} />
        ) : (
          <View className="cm-chips">
            {(topics.data?.topics ?? []).map((t) => (
              <View key={t.code} className={`cm-chip compose-topic ${chosen.includes(t.code) ? 'cm-chip--active' : ''}`} onClick={() => toggleTopic(t.code)}>
                #{t.name}
              </View>
            ))}
          </View>
        )}
        {fieldError('topics') && <View className="ui-field__error">{fieldError('topics')}</View>}
      </Card>
      <View className="ui-cell-group compose-product">
        <View className="ui-cell-group__body">
          <Cell
            icon="bag"
            title="关联好物"
            description={product ? undefined : '选填：聊的是哪件积分好物？'}
            value={product ? <Tag tone="primary" className="compose-product-chosen">{product.title}</Tag> : undefined}
            onClick={() => setPicking(true)}
            className="compose-product-open"
          />
        </View>
        {fieldError('productTag') && <View className="ui-field__error">{fieldError('productTag')}</View>}
      </View>
      {generalError && <View className="ui-field__error compose-error">{generalError}</View>}
      <ProductSheet
        open={picking}
        chosen={product}
        onPick={(item) => {
          edit(setProduct)(item);
          setPicking(false);
        }}
        onClose={() => setPicking(false)}
      />
    </Page>
  );
}

/** The mall's items to tag the post with (loaded when the sheet first opens). */
function ProductSheet({ open, chosen, onPick, onClose }: { open: boolean; chosen: MallItem | null; onPick: (item: MallItem | null) => void; onClose: () => void }) {
  return (
    <Sheet open={open} title="关联好物" onClose={onClose} className="product-sheet">
      {open && <ProductList chosen={chosen} onPick={onPick} />}
    </Sheet>
  );
}

function ProductList({ chosen, onPick }: { chosen: MallItem | null; onPick: (item: MallItem | null) => void }) {
  const items = useCloudQuery(() => mallService.items('all'));
  if (items.error !== undefined) return <ErrorState error={items.error} onRetry={() => void items.reload()} />;
  if (!items.data) return <Loading />;
  if (items.data.items.length === 0) return <Empty icon="bag" title="商城里暂时没有好物" />;
  return (
    <View className="cm-sheet-list">
      {chosen && <Cell icon="close" title="不关联好物" onClick={() => onPick(null)} className="product-none" />}
      {items.data.items.map((item) => (
        <Cell
          key={item.itemId}
          icon={chosen?.itemId === item.itemId ? 'checkCircle' : 'bag'}
          title={item.title}
          description={item.description || undefined}
          onClick={() => onPick(item)}
          className="product-option"
        />
      ))}
    </View>
  );
}
