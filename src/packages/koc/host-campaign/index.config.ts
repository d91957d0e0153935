export default definePageConfig({
  navigationBarTitleText: '发起打卡活动',
});
