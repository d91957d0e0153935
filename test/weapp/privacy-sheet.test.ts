/**
 * WeChat's privacy authorization in the built mini-program: when the base library asks (a privacy API such as
 * chooseAvatar is about to run), the page shows the privacy sheet; agreeing answers `agree` with the id of the
 * agreePrivacyAuthorization button, refusing answers `disagree`.
 */
import { ok, waitFor, type SimNode, useWeappHarness } from './harness';
import { linCard } from './member-fixtures';

const card = linCard();

type Resolve = jest.Mock<void, [{ event: string; buttonId?: string }]>;

describe('weapp privacy sheet (built output)', () => {
  const { boot } = useWeappHarness();

  const openWithPrivacyApi = () => {
    const harness = boot(() => ok(card));
    let listener: ((resolve: Resolve) => void) | undefined;
    harness.wx.onNeedPrivacyAuthorization = jest.fn((l: (resolve: Resolve) => void) => {
      listener = l;
    });
    const page = harness.openPage('pages/card/index');
    return { harness, page, ask: () => listener };
  };

  it('opens when WeChat asks and answers agree with the agree button id', async () => {
    const { page, ask } = openWithPrivacyApi();
    await waitFor(() => page.querySelector('.card-member-no'), 'the card page');
    const listener = await waitFor(() => ask(), 'the page to listen for privacy authorization');
    expect(page.querySelector('.privacy-sheet')).toBeUndefined();

    const resolve: Resolve = jest.fn();
    listener(resolve);
    const agree = (await waitFor(() => page.querySelector('.privacy-sheet__agree'), 'the privacy sheet')) as SimNode;
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    agree.dispatchEvent('agreeprivacyauthorization');
    await waitFor(() => resolve.mock.calls.length === 2, 'the answer');
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    await waitFor(() => page.querySelector('.privacy-sheet') === undefined, 'the sheet to close');
  });

  it('answers disagree when the member refuses', async () => {
    const { page, ask } = openWithPrivacyApi();
    await waitFor(() => page.querySelector('.card-member-no'), 'the card page');
    const listener = await waitFor(() => ask(), 'the page to listen for privacy authorization');
    const resolve: Resolve = jest.fn();
    listener(resolve);
    const refuse = (await waitFor(() => page.querySelector('.privacy-sheet__refuse'), 'the privacy sheet')) as SimNode;
    refuse.dispatchEvent('tap');
    await waitFor(() => resolve.mock.calls.length === 2, 'the answer');
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });
});
