export default definePageConfig({
  navigationBarTitleText: '超级用户',
});
