import type { CollectionRef, Database, DocData, WithId } from '../../_platform/database.port';
import { publicIdOf } from './community-members.service';
import { COMMENTS, FAVOURITES, LIKES, POSTS, SHARES, type AuthorSnapshot } from './community.record';

const PAGE = 1000;

/** How a closed account's kept posts and comments are signed. */
export const CLOSED_ACCOUNT_NAME = '已注销用户';

/** The author shown on a closed account's kept content: no name, picture or badge, and a public id unrelated to the member's. */
export const closedAuthor = (anonId: string): AuthorSnapshot => ({ id: publicIdOf(anonId), nickname: CLOSED_ACCOUNT_NAME, avatarUrl: '', official: false, badge: null });

/** Every document of a collection matching `where`, paged by `_id`. */
async function all(db: Database, col: CollectionRef, where: DocData): Promise<WithId<DocData>[]> {
  const _ = db.command;
  const out: WithId<DocData>[] = [];
  let after: string | null = null;
  for (;;) {
    const { data } = await col.where({ ...where, ...(after === null ? {} : { _id: _.gt(after) }) }).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
    after = data[data.length - 1]._id;
  }
}

/**
 * Closing an account, for the community (run before the member's own documents are erased). Other members'
 * records that name the member are rewritten: comments on the member's posts and likes, favourites and shares of
 * them (`postAuthor`), and replies to the member's comments (`replyTo`, which carries their nickname). Then, when
 * the member chose to keep their content, their posts and comments move to the anonymous id with the author shown
 * as 已注销用户 (content, topics and counters kept); otherwise the erasure deletes them. Idempotent: a resumed run
 * finds what is left (moved content no longer carries the openid).
 */
export async function releaseCommunityContent(db: Database, openid: string, anonId: string, keep: boolean): Promise<{ posts: number; comments: number }> {
  const _ = db.command;
  const publicId = publicIdOf(openid);
  const anonAuthor = closedAuthor(anonId);
  const [posts, comments] = await Promise.all([all(db, db.collection(POSTS), { _openid: openid }), all(db, db.collection(COMMENTS), { _openid: openid })]);
  const postIds = posts.map((p) => p._id);
  const threads = [...new Set([...postIds, ...comments.map((c) => String(c.postId))])];
  for (const postId of threads) {
    for (const c of await all(db, db.collection(COMMENTS), { postId })) {
      if (c._openid === openid) continue;
      const replyTo = c.replyTo as { id: string } | null;
      const data: DocData = {};
      if (c.postAuthor === openid) data.postAuthor = anonId;
      if (replyTo?.id === publicId) data.replyTo = { id: anonAuthor.id, nickname: CLOSED_ACCOUNT_NAME };
      if (Object.keys(data).length) await db.collection(COMMENTS).doc(c._id).update({ data });
    }
  }
  for (let i = 0; i < postIds.length; i += 100) {
    const ids = postIds.slice(i, i + 100);
    const theirs = { postId: _.in(ids), postAuthor: openid, _openid: _.neq(openid) };
    for (const col of [db.collection(LIKES), db.collection(FAVOURITES), db.collection(SHARES)]) await col.where(theirs).update({ data: { postAuthor: anonId } });
  }
  if (!keep) return { posts: 0, comments: 0 };
  for (const p of posts) {
    await db.collection(POSTS).doc(p._id).update({ data: { _openid: anonId, author: _.set(anonAuthor), authorId: anonAuthor.id } });
  }
  for (const c of comments) {
    await db.collection(COMMENTS).doc(c._id).update({ data: { _openid: anonId, author: _.set(anonAuthor), ...(c.postAuthor === openid ? { postAuthor: anonId } : {}) } });
  }
  return { posts: posts.length, comments: comments.length };
}
