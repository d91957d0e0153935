export default definePageConfig({
  navigationBarTitleText: '会员消费',
});
