export default definePageConfig({
  navigationBarTitleText: '线下活动',
});
