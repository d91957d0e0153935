export default definePageConfig({
  navigationBarTitleText: '体验官与活动审核',
});
