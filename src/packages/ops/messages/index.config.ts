export default definePageConfig({
  navigationBarTitleText: '运营消息',
});
