export default definePageConfig({
  navigationBarTitleText: '我的粉丝',
});
