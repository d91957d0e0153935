export default definePageConfig({
  navigationBarTitleText: '佣金明细',
});
