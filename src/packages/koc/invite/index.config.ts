export default definePageConfig({
  navigationBarTitleText: '我的邀请卡',
});
