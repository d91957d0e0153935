export default definePageConfig({
  navigationBarTitleText: '更正会员生日',
});
