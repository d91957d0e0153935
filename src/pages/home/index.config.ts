export default definePageConfig({
  navigationBarTitleText: '会员社区',
});
