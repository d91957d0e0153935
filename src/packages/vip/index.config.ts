export default definePageConfig({
  navigationBarTitleText: '开通付费会员',
});
