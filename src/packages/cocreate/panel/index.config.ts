export default definePageConfig({
  navigationBarTitleText: '新品测试官',
});
