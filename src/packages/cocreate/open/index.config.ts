export default definePageConfig({
  navigationBarTitleText: '发起共创',
});
