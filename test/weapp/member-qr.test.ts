/**
 * The live member code on the card page of the built mini-program: drawn as an SVG data URI in an <image>
 * (no canvas), with a countdown and a manual refresh that fetches a new code.
 */
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { bootWeapp, fail, ok, textOf, waitFor, type CloudCall, type SimNode, type WeappHarness } from './harness';
import { linCard } from './member-fixtures';

const card = linCard();
/**
 * The simulator's built-in <image> keeps no attributes: read the src from the data Taro sent to the page
 * (Taro shortens attribute names there, so take the node's data: URI value whatever its key).
 */
function srcOf(page: SimNode, className: string): string {
  const stack: unknown[] = [page.data];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const n = node as Record<string, unknown>;
    if (typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)) {
      const uri = Object.values(n).find((v) => typeof v === 'string' && v.startsWith('data:'));
      if (typeof uri === 'string') return uri;
    }
    stack.push(...Object.values(n));
  }
  return '';
}

const code = (n: number): MemberCodeView => ({
  token: `1.802345678901.t5xk4g.AbCdEfGhIjKlMn0${n}.${'x'.repeat(32)}`,
  expiresAt: '2026-11-23T03:01:00.000Z',
  refreshSeconds: 30,
  memberNo: '802345678901',
  pin: `12345${n % 10}`,
});

describe('weapp card page: the member QR code (built output)', () => {
  let h: WeappHarness | undefined;
  afterEach(() => {
    h?.teardown();
    h = undefined;
  });

  it('shows the code as an SVG image, counts down, and fetches a new one on refresh', async () => {
    let issued = 0;
    const calls: CloudCall[] = [];
    h = bootWeapp((call) => {
      calls.push(call);
      if (call.data.action === 'card') return ok(card);
      if (call.data.action === 'code') return ok(code(++issued));
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = h.openPage('pages/card/index');
    await waitFor(() => page.querySelector('.member-qr'), 'the QR image');
    const src = () => srcOf(page, 'member-qr');
    expect(src()).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(src().split(',')[1], 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(textOf(page.querySelector('.member-qr-countdown'))).toMatch(/^\d+ 秒后自动刷新$/);
    // The token text is for the H5 build only.
    expect(page.querySelector('.member-qr-token')).toBeUndefined();

    const first = src();
    page.querySelector('.member-qr-refresh')?.dispatchEvent('tap');
    await waitFor(() => src() !== first, 'a new code after refresh');
    expect(calls.filter((c) => c.data.action === 'code')).toHaveLength(2);
  });

  it('shows the error in Chinese when the code cannot be issued', async () => {
    h = bootWeapp((call) => (call.data.action === 'card' ? ok(card) : fail('INTERNAL', 'x')));
    const page = h.openPage('pages/card/index');
    const status = await waitFor(() => {
      const node = page.querySelector('.member-qr-countdown');
      return node && textOf(node).includes('服务') ? node : undefined;
    }, 'the error');
    expect(textOf(status)).toBe('服务开小差了，请稍后再试');
    expect(page.querySelector('.member-qr')).toBeUndefined();
  });
});
