import type { AuthorView, CommentView, PostView } from './community.schema';
import type { AuthorSnapshot, CommentRecord, CommunityMemberRecord, PostRecord } from './community.record';
import { isMuted } from './moderation.rules';

export const authorView = (a: AuthorSnapshot): AuthorView => ({ ...a });

/** Image addresses for a page of posts: fileId → temporary URL (shared/images.ts). */
export type ImageUrls = Record<string, string>;

/** `viewer`: the caller's public id; `moderator`: sees notes of others' posts too. */
export function toPostView(p: PostRecord, viewer: { id: string; moderator: boolean }, urls: ImageUrls = {}): PostView {
  const mine = p.authorId === viewer.id;
  return {
    postId: p._id,
    author: authorView(p.author),
    text: p.text,
    images: p.images.map((i) => ({ fileId: i.fileId, url: urls[i.fileId] ?? null })),
    topics: p.topicTags,
    productTag: p.productTag,
    official: p.official,
    status: p.status,
    note: mine || viewer.moderator ? p.note : null,
    likeCount: Math.max(0, p.likeCount),
    commentCount: Math.max(0, p.commentCount),
    favouriteCount: Math.max(0, p.favouriteCount),
    shareCount: Math.max(0, p.shareCount),
    mine,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toCommentView(c: CommentRecord, viewerId: string): CommentView {
  return {
    commentId: c._id,
    postId: c.postId,
    author: authorView(c.author),
    text: c.text,
    parentId: c.parentId,
    replyTo: c.replyTo ? { nickname: c.replyTo.nickname } : null,
    status: c.status,
    note: c.author.id === viewerId ? c.note : null,
    mine: c.author.id === viewerId,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Who may see a post: everyone when visible; its author and moderators otherwise (deleted: nobody). */
export function canSee(p: PostRecord, viewer: { id: string; moderator: boolean }): boolean {
  if (p.status === 'visible') return true;
  if (p.status === 'deleted') return false;
  return p.authorId === viewer.id || viewer.moderator;
}

/** A member's mute or suspension as others may be told of it (moderators, the member themself); null when free. */
export function restrictionOf(p: Pick<CommunityMemberRecord, 'mutedUntil' | 'suspended'>, now: Date): { mutedUntil: string | null; suspended: boolean } | null {
  if (!isMuted(p, now)) return null;
  return { mutedUntil: p.mutedUntil && p.mutedUntil.getTime() > now.getTime() ? p.mutedUntil.toISOString() : null, suspended: p.suspended };
}
