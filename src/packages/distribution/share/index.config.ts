export default definePageConfig({
  navigationBarTitleText: '我的推广码',
  // useShareAppMessage needs the page to declare it shares.
  enableShareAppMessage: true,
});
