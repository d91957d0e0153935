export default definePageConfig({
  navigationBarTitleText: '共创名人墙',
});
